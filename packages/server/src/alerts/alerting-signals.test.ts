import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { insertFixtureCity } from '../ingest/testing/fixture-city.js';
import { emitSignals, type DetectionSignal } from '../signals/events.js';
import { SIGNAL_COLUMNS, signalOf, type SignalRow } from '../signals/signal-row.js';
import { startAlerting, type Alerting } from './alerting.js';
import { insertSignalFixtures, type SignalSpec } from './testing/signal-fixtures.js';

/**
 * Statistical and concordance rules, replayed from detection runs: signals are stored as a run would store
 * them and announced with the signals event, as src/signals/ does after its transaction.
 */

let db: TestDatabase;
let alerting: Alerting;
let runId: number;
let ruleIds: Map<string, number>;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
  ruleIds = await insertSignalFixtures(db.pool);
  const run = await db.pool.query<{ id: number }>(
    `INSERT INTO detection_run (trigger, scope, status) VALUES ('manual', 'all', 'done') RETURNING id`,
  );
  runId = run.rows[0]?.id as number;
  alerting = startAlerting({ pool: db.pool });
});
afterAll(async () => {
  await alerting.stop();
  await db.drop();
});

/** Stores signals as a detection run does and announces them. */
async function run(specs: readonly SignalSpec[]): Promise<DetectionSignal[]> {
  const stored: DetectionSignal[] = [];
  for (const s of specs) {
    const [channel] = s.rule.split('.');
    const row = await db.pool.query<SignalRow>(
      `INSERT INTO detection_signal (channel, signal, place_code, period, period_start, method, rule_id, rule_key,
                                     rule_revision, config_version, observed, expected, upperbound, score, pvalue,
                                     level, alarm, run_id)
       VALUES ($1, $2, $3, 'day', $4, $5, $6, $7, 1, 1, $8, $9, $10, $11, $12, $13, true, $14)
       RETURNING ${SIGNAL_COLUMNS}`,
      [
        channel,
        s.signal,
        s.place,
        s.day,
        s.rule.endsWith('ears-c2') ? 'earsC' : 'essence.ewma',
        ruleIds.get(s.rule),
        s.rule,
        s.observed ?? 60,
        40,
        55,
        2.9,
        s.p,
        s.p === null ? null : s.p < 0.01 ? 2 : 1,
        runId,
      ],
    );
    stored.push(signalOf(row.rows[0] as SignalRow));
  }
  emitSignals({ runId, signals: stored, retracted: [] });
  await alerting.settled();
  return stored;
}

const alerts = async (family: string) =>
  (
    await db.pool.query<{
      place_code: string;
      level: string;
      kind: string;
      channels: string[];
      reason_en: string;
    }>('SELECT place_code, level, kind, channels, reason_en FROM alert WHERE family = $1 ORDER BY id', [
      family,
    ])
  ).rows;

describe('statistical rules', () => {
  test('an EARS alarm alerts blue; an ESSENCE signal at p = 0.004 (yellow evidence, above 0.001) does not', async () => {
    await run([
      { rule: 'visit.ears-c2', signal: 'gi', place: '420103', day: '2024-05-02', p: null },
      { rule: 'visit.essence-ewma', signal: 'ili', place: '420103', day: '2024-05-02', p: 0.004 },
    ]);
    expect(await alerts('gastrointestinal')).toEqual([
      expect.objectContaining({
        place_code: '420103',
        level: 'blue',
        kind: 'statistical',
        channels: ['visit'],
      }),
    ]);
    expect(await alerts('respiratory')).toEqual([]);
    const [gi] = await alerts('gastrointestinal');
    expect(gi?.reason_en).toBe(
      'clinic visits “gi” in 江汉区 (2024-05-02): 60 observed against 40 expected, above the threshold 55 (earsC). ' +
        'Level Blue: a statistical signal in one channel.',
    );
  });
});

describe('the concordance rule', () => {
  test('three channels each below their own threshold, in a district and its neighbour, alert orange', async () => {
    const stored = await run([
      { rule: 'visit.essence-ewma', signal: 'ili', place: '420102', day: '2024-05-10', p: 0.004 },
      { rule: 'pharmacy.essence-ewma', signal: 'antipyretic', place: '420103', day: '2024-05-09', p: 0.003 },
      { rule: 'school.essence-ewma', signal: 'absent_fever', place: '420102', day: '2024-05-10', p: 0.006 },
    ]);
    const respiratory = await alerts('respiratory');
    expect(respiratory).toEqual([
      expect.objectContaining({
        place_code: '420102',
        level: 'orange',
        kind: 'concordance',
        channels: ['pharmacy', 'school', 'visit'],
      }),
    ]);
    expect(respiratory[0]?.reason_en).toMatch(
      /^From 2024-05-09 to 2024-05-10, 3 channels show respiratory illness above expectation in 江岸区 and neighbouring places \(clinic visits, pharmacy sales, school absence\); combined p = \S+ \(Zaykin truncated product, threshold 0\.001\)\. Level Orange: three or more channels agree\.$/,
    );
    const firing = await db.pool.query<{
      evidence: { type: string; fusedP?: number; channels?: unknown[] }[];
    }>(`SELECT evidence FROM alert_firing WHERE rule_id = 'multi-channel'`);
    const [concordance, ...signals] = firing.rows[0]?.evidence ?? [];
    expect(concordance).toMatchObject({ type: 'concordance', centre: '420102', zone: ['420102', '420103'] });
    expect(concordance?.fusedP).toBeLessThan(0.001);
    expect(signals.map((s) => s.type)).toEqual(['signal', 'signal', 'signal']);
    expect(stored).toHaveLength(3);
  });

  test('one channel alone, however strong, does not make a concordance', async () => {
    await run([{ rule: 'visit.essence-ewma', signal: 'gi', place: '420102', day: '2024-06-01', p: 0.002 }]);
    expect((await alerts('gastrointestinal')).filter((a) => a.kind === 'concordance')).toEqual([]);
  });

  test('two channels agree: yellow, at the district where the evidence is', async () => {
    await run([
      { rule: 'visit.essence-ewma', signal: 'gi', place: '420103', day: '2024-06-02', p: 0.003 },
      {
        rule: 'pharmacy.essence-ewma',
        signal: 'antidiarrhoeal',
        place: '420103',
        day: '2024-06-02',
        p: 0.002,
      },
    ]);
    const concordant = (await alerts('gastrointestinal')).filter((a) => a.kind === 'concordance');
    expect(concordant).toEqual([
      expect.objectContaining({ place_code: '420103', level: 'yellow', channels: ['pharmacy', 'visit'] }),
    ]);
  });
});
