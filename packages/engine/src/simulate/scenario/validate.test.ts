import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseScenario, validateScenario } from './validate.js';

const valid = {
  name: 'test',
  city: 'wuhan',
  period: { start: '2025-01-01', end: '2026-11-20' },
  seed: 1,
  outbreaks: [
    {
      id: 'a',
      pathogen: 'influenza_a',
      place: '420106',
      start: '2026-11-01',
      size: 100,
      shape: { type: 'point-source' },
    },
  ],
};

/** `valid` with one change at a path ('outbreaks.0.size'), or the key removed when value is undefined. */
function changed(path: string, value: unknown): unknown {
  const copy = structuredClone(valid) as Record<string, unknown>;
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  const last = keys[keys.length - 1] as string;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

describe('scenario validation', () => {
  test('a valid scenario gets its defaults', () => {
    const result = validateScenario(changed('outbreaks', undefined));
    expect(result).toMatchObject({ ok: true, scenario: { outbreaks: [] } });
  });

  test.each([
    ['name', undefined, 'name', 'expected string'],
    ['seed', -1, 'seed', '>=0'],
    ['seed', 1.5, 'seed', 'int'],
    ['city', 'Wu Han', 'city', 'city id'],
    ['period.start', '2025-02-30', 'period.start', 'YYYY-MM-DD'],
    ['period.end', '2024-12-31', 'period.end', 'before period.start'],
    ['period.end', '2046-01-01', 'period.end', '20 years'],
    ['outbreaks.0.id', 'Flu A', 'outbreaks[0].id', 'lower-case id'],
    ['outbreaks.0.pathogen', 'ebola', 'outbreaks[0].pathogen', 'influenza_a'],
    ['outbreaks.0.size', 0, 'outbreaks[0].size', '>=1'],
    ['outbreaks.0.start', '2027-01-01', 'outbreaks[0].start', 'must lie in the period'],
    ['outbreaks.0.shape', { type: 'sawtooth' }, 'outbreaks[0].shape.type', 'point-source'],
    [
      'outbreaks.0.shape',
      { type: 'lognormal', medianDays: 5 },
      'outbreaks[0].shape.sdLog',
      'expected number',
    ],
    [
      'outbreaks.0.shape',
      { type: 'propagated', generations: 0, growth: 2 },
      'outbreaks[0].shape.generations',
      '>=1',
    ],
    ['outbreaks.0.footprint', { visit: { fraction: 1.5 } }, 'outbreaks[0].footprint.visit.fraction', '<=1'],
    ['outbreaks.0.footprint', { visit: { class: 'flu' } }, 'outbreaks[0].footprint.visit.class', 'ili'],
    [
      'outbreaks.0.footprint',
      { pharmacy: { units: { aspirin: 1 } } },
      'outbreaks[0].footprint.pharmacy.units',
      'unknown field "aspirin"',
    ],
    ['outbreaks.0.footprint', { radio: {} }, 'outbreaks[0].footprint', 'unknown field "radio"'],
    ['outbreaks.0.colour', 'red', 'outbreaks[0]', 'unknown field "colour"'],
    ['baseline', { scale: { tv: 2 } }, 'baseline.scale', 'unknown field "tv"'],
    ['baseline', { dispersion: { visit: 'huge' } }, 'baseline.dispersion.visit', ''],
  ])('%s = %j: refused at %s', (path, value, at, reason) => {
    const result = validateScenario(changed(path, value));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual({ path: at, reason: expect.stringContaining(reason) as string });
  });

  test('two outbreaks with one id are refused at the second', () => {
    const twice = { ...valid, outbreaks: [valid.outbreaks[0], valid.outbreaks[0]] };
    expect(validateScenario(twice)).toMatchObject({
      ok: false,
      issues: [{ path: 'outbreaks[1].id', reason: '"a" is used twice' }],
    });
  });

  test('JSON syntax errors are reported at the root', () => {
    expect(parseScenario('{"name": ')).toMatchObject({ ok: false, issues: [{ path: '(scenario)' }] });
  });

  test.each(
    readdirSync(new URL('../../../../../data/scenarios/', import.meta.url)).filter((f) =>
      f.endsWith('.json'),
    ),
  )('the example %s is valid', (file) => {
    const text = readFileSync(new URL(`../../../../../data/scenarios/${file}`, import.meta.url), 'utf8');
    const result = parseScenario(text);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });
});
