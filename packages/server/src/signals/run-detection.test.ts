import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { dateOfDayNumber, dayNumberOf, shanghaiDate } from '../channels/time.js';
import { ingestRecords } from '../ingest/ingest-records.js';
import { insertFixtureCity } from '../ingest/testing/fixture-city.js';
import { saveConfig } from './config-store.js';
import { createEvaluator } from './evaluate-pool.js';
import { onSignals, type SignalsStored } from './events.js';
import { ruleInput } from './rule.js';
import { runDetection } from './run-detection.js';
import { listNotEvaluated } from './run-summary.js';
import { addDailyCounts } from './testing/write-series.js';

let db: TestDatabase;
const evaluator = createEvaluator(1);
const events: SignalsStored[] = [];
const unsubscribe = onSignals((event) => events.push(event));

// Sixty days ending yesterday: the ingest below adds a visit on the last day, which it accepts (not future).
const lastDay = dayNumberOf(shanghaiDate(Date.now())) - 1;
const firstDay = lastDay - 59;
const date = (day: number) => dateOfDayNumber(day);
const quiet = (i: number) => 5 + ((i * 3) % 4) - 1; // 4 5 6 7 4 5 …, never alarming with C2

beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
  await saveConfig(db.pool, [
    ruleInput.parse({
      key: 'visit.c2',
      channel: 'visit',
      placeLevels: ['city', 'district'],
      period: 'day',
      method: 'earsC',
      control: { method: 'C2', baseline: 7 },
      lookback: 7,
    }),
    ruleInput.parse({
      key: 'cards.mpm',
      channel: 'report-card',
      placeLevels: ['district'],
      period: 'day',
      method: 'cidars.mpm',
      control: { years: 1 },
    }),
  ]);
  const quietDays = Array.from({ length: 60 }, (_, i) => quiet(i));
  const spiked = [...quietDays.slice(0, 59), 40];
  await addDailyCounts(db.pool, 'visit', 'all', ['420102'], date(firstDay), spiked);
  await addDailyCounts(db.pool, 'visit', 'all', ['420103'], date(firstDay), quietDays);
  await addDailyCounts(
    db.pool,
    'visit',
    'all',
    ['4201'],
    date(firstDay),
    quietDays.map((q, i) => q + (spiked[i] ?? 0)),
  );
  // Thirty days of measles cards: cidars.mpm needs a year and three weeks.
  const cards = Array.from({ length: 30 }, (_, i) => i % 3);
  await addDailyCounts(db.pool, 'report-card', 'measles', ['420102', '4201'], date(lastDay - 29), cards);
});

afterAll(async () => {
  unsubscribe();
  await evaluator.close();
  await db.drop();
});

const storedSignals = async () =>
  (
    await db.pool.query<{ place_code: string; period_start: string; alarm: boolean; observed: number }>(
      "SELECT place_code, period_start, alarm, observed FROM detection_signal WHERE place_code = '420102' ORDER BY id",
    )
  ).rows;

describe(`detection runs on ${inject('databaseKind')}`, () => {
  test('a big spike yields a signal with the series, time, method, observed, expected and threshold', async () => {
    const run = await runDetection(db.pool, evaluator, { trigger: 'manual', scope: 'all' });
    expect(run).toMatchObject({
      status: 'done',
      trigger: 'manual',
      scope: 'all',
      configVersion: 1,
      error: null,
    });
    // visit all at 420102, 420103 and the city (C2) plus measles at 420102 (cidars.mpm: not evaluated).
    expect(run.series).toBe(4);
    // The district and the city, which counts the district's spike too.
    expect(run.signalsNew).toBe(2);
    const event = events.at(-1);
    expect(event?.runId).toBe(run.id);
    expect(event?.signals.map((s) => s.placeCode).sort()).toEqual(['4201', '420102']);
    const signal = event?.signals.find((s) => s.placeCode === '420102');
    // The district's C2 baseline: days t-9..t-3 of the quiet pattern.
    const baseline = Array.from({ length: 7 }, (_, k) => quiet(50 + k));
    const mean = baseline.reduce((a, b) => a + b, 0) / 7;
    expect(signal).toMatchObject({
      channel: 'visit',
      signal: 'all',
      placeCode: '420102',
      period: 'day',
      periodStart: date(lastDay),
      method: 'earsC',
      ruleKey: 'visit.c2',
      ruleRevision: 1,
      configVersion: 1,
      observed: 40,
      pvalue: null,
      level: null,
      alarm: true,
      runId: run.id,
    });
    expect(signal?.expected).toBeCloseTo(mean, 12);
    expect(signal?.upperbound).toBeGreaterThan(mean);
    expect(signal?.upperbound).toBeLessThan(40);
    expect(signal?.score).toBeGreaterThan(3);
  });

  test('a series too short for its method is recorded as not evaluated, with the reason', async () => {
    const runs = await db.pool.query<{ id: number; not_evaluated: number }>(
      'SELECT id, not_evaluated FROM detection_run ORDER BY id DESC LIMIT 1',
    );
    const run = runs.rows[0]!;
    expect(run.not_evaluated).toBe(1);
    const [item] = await listNotEvaluated(db.pool, run.id, 10);
    expect(item).toMatchObject({
      channel: 'report-card',
      signal: 'measles',
      placeCode: '420102',
      ruleKey: 'cards.mpm',
      method: 'cidars.mpm',
      field: 'range',
    });
    expect(item?.reason).toMatch(/needs t >= 386/);
  });

  test('evaluating the same data again stores nothing new', async () => {
    const before = await storedSignals();
    const run = await runDetection(db.pool, evaluator, { trigger: 'manual', scope: 'all' });
    expect(run).toMatchObject({ status: 'done', signalsNew: 0, signalsChanged: 0, signalsRetracted: 0 });
    expect(await storedSignals()).toEqual(before);
  });

  test('the run after an ingest batch evaluates only the series the batch changed', async () => {
    const visit = {
      visitId: 'v-after',
      facility: 'FX-FC1',
      time: `${date(lastDay)}T10:00:00`,
      age: 30,
      sex: 'M',
      residence: '420103001',
      chiefComplaint: '腹泻',
    };
    const report = await ingestRecords(db.pool, 'visit', [visit], { source: 'api' });
    expect(report.accepted).toBe(1);
    const changed = await db.pool.query<{ signal: string; place_code: string }>(
      'SELECT DISTINCT signal, place_code FROM series_change',
    );
    // The visit counts at its street, district 420103 and the city, for `all` and its syndromes; the rule
    // watches the district and the city.
    const watched = changed.rows.filter((r) => r.place_code === '420103' || r.place_code === '4201');
    expect(watched.length).toBeGreaterThanOrEqual(4);
    const run = await runDetection(db.pool, evaluator, { trigger: 'ingest', scope: 'changed' });
    expect(run.series).toBe(watched.length);
    expect((await db.pool.query('SELECT 1 FROM series_change')).rowCount).toBe(0);
    const nothing = await runDetection(db.pool, evaluator, { trigger: 'schedule', scope: 'changed' });
    expect(nothing).toMatchObject({ status: 'done', series: 0 });
  });

  test('a signal whose spike is corrected away is retracted, not deleted', async () => {
    await addDailyCounts(db.pool, 'visit', 'all', ['420102'], date(lastDay), [-34]);
    const run = await runDetection(db.pool, evaluator, { trigger: 'ingest', scope: 'changed' });
    expect(run).toMatchObject({ signalsNew: 0, signalsRetracted: 1 });
    expect(await storedSignals()).toEqual([
      { place_code: '420102', period_start: date(lastDay), alarm: false, observed: 40 },
    ]);
    expect(events.at(-1)?.retracted.map((s) => s.placeCode)).toEqual(['420102']);
    await addDailyCounts(db.pool, 'visit', 'all', ['420102'], date(lastDay), [34]);
    const again = await runDetection(db.pool, evaluator, { trigger: 'ingest', scope: 'changed' });
    expect(again).toMatchObject({ signalsNew: 0, signalsChanged: 1 });
    expect((await storedSignals())[0]).toMatchObject({ alarm: true });
  });
});
