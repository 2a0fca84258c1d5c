import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { insertFixtureCity } from '../ingest/testing/fixture-city.js';
import { collectSeries, type RuleWork } from './collect-series.js';
import type { Rule } from './rule.js';
import { addDailyCounts } from './testing/write-series.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
  // Two years of daily counts at two streets, their district and the city.
  const days = Array.from({ length: 2 * 364 }, (_, i) => 3 + (i % 4));
  await addDailyCounts(
    db.pool,
    'visit',
    'ili',
    ['420102002', '420102003', '420102', '4201'],
    '2023-01-02',
    days,
  );
});
afterAll(async () => {
  await db.drop();
});

const rule = (id: number, over: Partial<Rule>): Rule => ({
  id,
  key: `r${id}`,
  revision: 1,
  channel: 'visit',
  signals: null,
  placeLevels: ['district'],
  period: 'week',
  method: 'earsC',
  control: {},
  lookback: 4,
  history: null,
  description: '',
  createdAt: '',
  ...over,
});

const collect = async (rules: Rule[]) => {
  const places = await db.pool.query<{ code: string; level: string }>('SELECT code, level FROM place');
  const work: RuleWork[] = [];
  for await (const batch of collectSeries(db.pool, {
    rules,
    places: new Map(places.rows.map((p) => [p.code, p.level])),
    root: '4201',
    parallel: 2,
  })) {
    work.push(...batch);
  }
  return work;
};

describe(`collecting series on ${inject('databaseKind')}`, () => {
  test('each series once per rule; streets watched by Bayes read only its weeks, with the same counts', async () => {
    const work = await collect([
      rule(1, { placeLevels: ['city', 'district'], method: 'earsC', control: { method: 'C1' } }),
      rule(2, { placeLevels: ['street'], method: 'algo.bayes', control: { b: 1, w: 2, actY: false } }),
    ]);
    const refs = work.flatMap((w) => w.refs.map((r) => `${w.rule.key} ${r.placeCode} ${r.period}`)).sort();
    expect(refs).toEqual(['r1 4201 week', 'r1 420102 week', 'r2 420102002 week', 'r2 420102003 week']);
    const street = work.find((w) => w.rule.id === 2)!.batch.series[0]!;
    const district = work.find((w) => w.rule.id === 1)!.batch.series[0]!;
    // The district reads every week; the street only the latest 4 and 2 either side of them a year back.
    expect([...district.observed].every((c) => c > 0)).toBe(true);
    const read = [...street.observed].filter((c) => c > 0).length;
    expect(read).toBe(4 + (2 * 2 + 4));
    // Where both are read, the street's weeks hold the same counts as the district's (same daily counts).
    const n = street.observed.length;
    expect(street.observed[n - 1]).toBe(district.observed[district.observed.length - 1]);
  });
});
