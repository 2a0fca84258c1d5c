import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { signIn } from '../../test/sign-in.js';
import { dayNumberOf } from '../channels/time.js';
import type { App } from '../http/app.js';
import { ingestRecords } from '../ingest/ingest-records.js';
import { insertFixtureCity } from '../ingest/testing/fixture-city.js';
import { emitSignals, type DetectionSignal } from '../signals/events.js';
import type { Rule } from '../signals/rule.js';
import { storeSignals } from '../signals/store-signals.js';
import { startAlerting, type Alerting } from './alerting.js';
import { onAlertEvent, type AlertEvent } from './events.js';
import { FIXTURE_DETECTION_RULES, insertSignalFixtures, type SignalSpec } from './testing/signal-fixtures.js';
import { appOn } from '../../test/test-app.js';

/**
 * Data taken back withdraws what it fired: signals a run on corrected data no longer raises, report cards
 * withdrawn or corrected out of a rule. Signals go through the store a detection run uses (storeSignals),
 * cards through the ingest; the alert's record, its events (stream, webhooks) and the CAP feed are read back.
 */

let db: TestDatabase;
let app: App;
let alerting: Alerting;
const rules = new Map<string, Rule>();
const heard: AlertEvent[] = [];
let stopListening: () => void;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
  const ids = await insertSignalFixtures(db.pool);
  for (const { key, method } of FIXTURE_DETECTION_RULES) {
    // storeSignals reads only these fields of a rule.
    rules.set(key, { id: ids.get(key) as number, key, revision: 1, method } as unknown as Rule);
  }
  await db.pool.query(
    `INSERT INTO webhook_subscription (url, secret) VALUES ('http://127.0.0.1:9/hook', 'secret')`,
  );
  app = await appOn(db);
  alerting = startAlerting({ pool: db.pool });
  stopListening = onAlertEvent((event) => heard.push(event));
});
afterAll(async () => {
  stopListening();
  await alerting.stop();
  await app.close();
  await db.drop();
});

/**
 * One detection run over the specs' series and days, as src/signals/ stores it: `alarm` says whether the
 * method raises the point this time (false: the corrected data no longer alarms).
 */
async function detect(specs: readonly (SignalSpec & { alarm: boolean })[]): Promise<DetectionSignal[]> {
  const run = await db.pool.query<{ id: number }>(
    `INSERT INTO detection_run (trigger, scope, status) VALUES ('manual', 'all', 'done') RETURNING id`,
  );
  const runId = run.rows[0]?.id as number;
  const client = await db.pool.connect();
  try {
    const outcome = await storeSignals(
      client,
      runId,
      1,
      specs.map((s) => {
        const day = dayNumberOf(s.day);
        return {
          rule: rules.get(s.rule) as Rule,
          ref: {
            channel: s.rule.split('.')[0] as string,
            signal: s.signal,
            placeCode: s.place,
            period: 'day',
          },
          fromDay: day,
          toDay: day,
          alarms: s.alarm
            ? [
                {
                  day,
                  point: {
                    index: 0,
                    observed: 60,
                    expected: 40,
                    upperbound: 55,
                    score: 2.9,
                    pvalue: s.p,
                    level: s.p === null ? null : s.p < 0.01 ? 2 : 1,
                  },
                },
              ]
            : [],
        };
      }),
    );
    emitSignals({ runId, signals: [...outcome.created, ...outcome.changed], retracted: outcome.retracted });
    await alerting.settled();
    return [...outcome.created, ...outcome.changed, ...outcome.retracted];
  } finally {
    client.release();
  }
}

interface AlertRecord {
  id: number;
  status: string;
  closed_reason: string | null;
  level: string;
  kind: string;
  channels: string[];
  version: number;
}

const alertsOf = async (family: string, place: string) =>
  (
    await db.pool.query<AlertRecord>(
      `SELECT id, status, closed_reason, level, kind, channels, version FROM alert
        WHERE family = $1 AND place_code = $2 ORDER BY id`,
      [family, place],
    )
  ).rows;

const eventsOf = async (alertId: number) =>
  (
    await db.pool.query<{ type: string; version: number; level: string; deliveries: number }>(
      `SELECT e.type, e.version, e.level, (SELECT count(*)::int FROM webhook_delivery d WHERE d.event_seq = e.seq) AS deliveries
         FROM alert_event e WHERE e.alert_id = $1 ORDER BY e.seq`,
      [alertId],
    )
  ).rows;

const firingsOf = async (alertId: number) =>
  (
    await db.pool.query<{ kind: string; withdrawn: boolean; withdrawn_reason: string | null }>(
      `SELECT kind, withdrawn_at IS NOT NULL AS withdrawn, withdrawn_reason FROM alert_firing
        WHERE alert_id = $1 ORDER BY id`,
      [alertId],
    )
  ).rows;

describe('retracted signals', () => {
  test('a signal no longer raised is kept as retracted, with when and why; raised again, it is cleared', async () => {
    const spec: SignalSpec = {
      rule: 'visit.ears-c2',
      signal: 'gi',
      place: '420103',
      day: '2024-07-01',
      p: null,
    };
    const [first] = await detect([{ ...spec, alarm: true }]);
    expect(first).toMatchObject({ alarm: true, retractedAt: null, retractedReason: null });
    const [retracted] = await detect([{ ...spec, alarm: false }]);
    expect(retracted).toMatchObject({ id: first?.id, alarm: false, retractedReason: 'no-longer-alarms' });
    expect(Date.parse(retracted?.retractedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    const [again] = await detect([{ ...spec, alarm: true }]);
    expect(again).toMatchObject({ id: first?.id, alarm: true, retractedAt: null, retractedReason: null });
  });

  test('an alert resting only on a retracted signal closes as retracted, with a closed event for stream and webhooks', async () => {
    const spec: SignalSpec = {
      rule: 'visit.ears-c2',
      signal: 'gi',
      place: '420102',
      day: '2024-07-10',
      p: null,
    };
    await detect([{ ...spec, alarm: true }]);
    const [opened] = await alertsOf('gastrointestinal', '420102');
    expect(opened).toMatchObject({ status: 'open', level: 'blue', kind: 'statistical' });
    heard.length = 0;
    await detect([{ ...spec, alarm: false }]);
    const [closed] = await alertsOf('gastrointestinal', '420102');
    expect(closed).toMatchObject({
      id: opened?.id,
      status: 'closed',
      closed_reason: 'retracted',
      version: 2,
    });
    expect(await firingsOf(opened?.id as number)).toEqual([
      { kind: 'statistical', withdrawn: true, withdrawn_reason: 'signals-retracted' },
    ]);
    expect(await eventsOf(opened?.id as number)).toEqual([
      { type: 'opened', version: 1, level: 'blue', deliveries: 1 },
      { type: 'closed', version: 2, level: 'blue', deliveries: 1 },
    ]);
    expect(heard.map((e) => [e.type, e.alert.id, e.alert.status, e.alert.closedReason])).toEqual([
      ['closed', opened?.id, 'closed', 'retracted'],
    ]);
  });

  test('a concordance that no longer holds is withdrawn; the alert falls to the level of what still stands', async () => {
    const day = '2024-08-10';
    await detect([
      { rule: 'visit.ears-c2', signal: 'ili', place: '420102', day, p: null, alarm: true },
      { rule: 'visit.essence-ewma', signal: 'ili', place: '420102', day, p: 0.004, alarm: true },
      { rule: 'pharmacy.essence-ewma', signal: 'antipyretic', place: '420102', day, p: 0.003, alarm: true },
      { rule: 'school.essence-ewma', signal: 'absent_fever', place: '420102', day, p: 0.006, alarm: true },
    ]);
    const [alert] = await alertsOf('respiratory', '420102');
    expect(alert).toMatchObject({ status: 'open', level: 'orange', kind: 'concordance' });
    // The corrected sales and absences no longer alarm: two channels gone, the concordance with them.
    heard.length = 0;
    await detect([
      { rule: 'pharmacy.essence-ewma', signal: 'antipyretic', place: '420102', day, p: 0.003, alarm: false },
      { rule: 'school.essence-ewma', signal: 'absent_fever', place: '420102', day, p: 0.006, alarm: false },
    ]);
    const [after] = await alertsOf('respiratory', '420102');
    expect(after).toMatchObject({
      id: alert?.id,
      status: 'open',
      level: 'blue',
      kind: 'statistical',
      channels: ['visit'],
    });
    const firings = await firingsOf(alert?.id as number);
    expect(firings).toEqual(
      expect.arrayContaining([
        { kind: 'statistical', withdrawn: false, withdrawn_reason: null },
        { kind: 'concordance', withdrawn: true, withdrawn_reason: 'signals-retracted' },
      ]),
    );
    expect((await eventsOf(alert?.id as number)).at(-1)).toMatchObject({ type: 'updated', level: 'blue' });
    const { headers } = await signIn(db.pool, { role: 'analyst' });
    const detail = await app.inject({ method: 'GET', url: `/api/v1/alerts/${alert?.id}`, headers });
    expect(detail.statusCode).toBe(200);
    const { firings: shown } = detail.json<{
      firings: { kind: string; withdrawn: { reason: string } | null }[];
    }>();
    expect(shown.map((f) => [f.kind, f.withdrawn?.reason ?? null])).toEqual(
      expect.arrayContaining([
        ['statistical', null],
        ['concordance', 'signals-retracted'],
      ]),
    );
    expect(heard.map((e) => e.type)).toEqual(['updated']);
  });
});

const card = (cardId: string, disease: string, residence: string, day: string) => ({
  cardId,
  type: 'new',
  disease,
  classification: 'confirmed',
  onsetDate: day,
  diagnosisDate: day,
  residence,
  facility: 'FX-H1',
});

const send = async (records: readonly unknown[]) => {
  await ingestRecords(db.pool, 'report-card', records, { source: 'api' });
  await alerting.settled();
};

const cap = async (path: string) => {
  const response = await app.inject({ method: 'GET', url: `/api/v1/public/cap${path}` });
  return { status: response.statusCode, body: response.body };
};

describe('withdrawn and corrected cases', () => {
  test('a class-A case withdrawn closes its alert as retracted, and the CAP feed cancels it', async () => {
    await send([card('R-1', 'cholera', '420102002003', '2024-09-01')]);
    const [alert] = await alertsOf('cholera', '420102002003');
    expect(alert).toMatchObject({ status: 'open', level: 'red' });
    const id = alert?.id as number;
    const before = await cap(`/${id}`);
    expect(before.body).toContain('<msgType>Alert</msgType>');

    await send([{ cardId: 'R-1', type: 'withdrawal', facility: 'FX-H1', reason: '重复报告' }]);
    expect((await alertsOf('cholera', '420102002003'))[0]).toMatchObject({
      id,
      status: 'closed',
      closed_reason: 'retracted',
      version: 2,
    });
    expect(await firingsOf(id)).toEqual([
      { kind: 'single-case', withdrawn: true, withdrawn_reason: 'cases-withdrawn' },
    ]);
    const one = await cap(`/${id}`);
    expect(one.status).toBe(200);
    expect(one.body).toContain('<msgType>Cancel</msgType>');
    expect(one.body).toMatch(new RegExp(`<references>[^<]*\\.alert\\.${id}\\.v1,[^<]+</references>`));
    expect(one.body).toContain('<responseType>AllClear</responseType>');
    const feed = await cap('');
    expect(feed.body).toContain(`.alert.${id}.v2</id>`);
  });

  test('a case corrected out of the rule withdraws its firing; the alert stands on the other case', async () => {
    await send([
      card('R-2', 'cholera', '420102002004', '2024-09-05'),
      card('R-3', 'cholera', '420102002004', '2024-09-06'),
    ]);
    const [alert] = await alertsOf('cholera', '420102002004');
    expect(alert).toMatchObject({ status: 'open', level: 'red' });
    await send([{ ...card('R-3', 'dysentery', '420102002004', '2024-09-06'), type: 'correction' }]);
    const [after] = await alertsOf('cholera', '420102002004');
    expect(after).toMatchObject({ id: alert?.id, status: 'open', level: 'red' });
    expect((await firingsOf(alert?.id as number)).map((f) => f.withdrawn)).toEqual([false, true]);
    expect((await db.pool.query(`SELECT record_key FROM alert_case WHERE record_key = 'R-3'`)).rowCount).toBe(
      0,
    );
  });
});
