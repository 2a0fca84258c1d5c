import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cusum } from './cusum.js';
import type { CountSeries, DetectionResult } from './types.js';

/** `expect.stringMatching`, typed for use inside object literals. */
const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern);

const series = (observed: number[], frequency = 52): CountSeries => ({
  observed: Float64Array.from(observed),
  frequency,
});

/** The first issue of an invalid control, as the registry reports it (field = issue path). */
function refusal(control: unknown) {
  const parsed = cusum.control.safeParse(control);
  const issue = parsed.success ? undefined : parsed.error.issues[0];
  return issue && { field: issue.path.length > 0 ? issue.path.join('.') : 'control', reason: issue.message };
}

function detect(observed: number[], control: Record<string, unknown> = {}): DetectionResult {
  const outcome = cusum.run(series(observed), cusum.control.parse(control));
  if (!outcome.ok) throw new Error(outcome.error.reason);
  return outcome.value;
}

// m = mean(4, 4, 4, 4) = 4, so the standard transformation is (y - 4) / 2.
const history = [4, 4, 4, 4];
const monitored = [4, 10, 12, 4];

describe('algo.cusum, standard transformation', () => {
  test('hand-computed sums, alarms (>= h) and integer bounds', () => {
    const r = detect([...history, ...monitored], { range: [5, 8] });
    expect(r.t).toEqual([5, 6, 7, 8]);
    // C: max(0, 0 + 0 - 1.04) = 0; 0 + 3 - 1.04 = 1.96; 1.96 + 4 - 1.04 = 4.92; 4.92 + 0 - 1.04 = 3.88
    expect(r.extra.cusum).toEqual([
      0,
      expect.closeTo(1.96, 12),
      expect.closeTo(4.92, 12),
      expect.closeTo(3.88, 12),
    ]);
    expect(r.alarm).toEqual([0, 0, 1, 1]);
    // U = ceil(2 (h + k - C_{t-1}) + 4): 10.6 -> 11, 10.6 -> 11, 6.68 -> 7, 0.76 -> 1
    expect(r.upperbound).toEqual([11, 11, 7, 1]);
    expect(r.extra.m).toEqual([4, 4, 4, 4]);
  });

  test('no reset by default; reset = true restarts the sum at 0 after an alarm', () => {
    const r = detect([...history, ...monitored], { range: [5, 8], reset: true });
    expect(r.alarm).toEqual([0, 0, 1, 0]);
    expect(r.extra.cusum).toEqual([0, expect.closeTo(1.96, 12), 0, 0]);
    expect(r.upperbound).toEqual([11, 11, 7, 11]);
  });

  test('alarm at exactly h (greater or equal)', () => {
    // m = 1 given: x = (3 - 1) / 1 = 2, C = 2 - k = 1 = h exactly.
    const r = detect([3], { m: 1, k: 1, h: 1, range: [1, 1] });
    expect(r.extra.cusum).toEqual([1]);
    expect(r.alarm).toEqual([1]);
  });

  test('a missing count before the range makes m NA: NA alarms and sums, bounds 0', () => {
    const r = detect([4, NaN, 4, 4, 9, 9], { range: [5, 6] });
    expect(r.extra.m).toEqual([null, null]);
    expect(r.extra.cusum).toEqual([null, null]);
    expect(r.alarm).toEqual([null, null]);
    expect(r.upperbound).toEqual([0, 0]);
  });

  test('a NaN sum stays NaN when a missing count arrives (first operand wins, as in R)', () => {
    const r = detect([0, 0, 0, NaN, 4], { range: [3, 5] });
    expect(r.extra.cusum).toEqual([NaN, NaN, NaN]);
    expect(r.alarm).toEqual([null, null, null]);
  });

  test('a missing monitored count makes the sum NA from there on', () => {
    const r = detect([...history, 4, NaN, 12, 4], { range: [5, 8] });
    expect(r.extra.cusum).toEqual([0, null, null, null]);
    expect(r.alarm).toEqual([0, null, null, null]);
    expect(r.upperbound).toEqual([11, 11, 0, 0]);
  });

  test('reset with an undefined sum is refused (R stops on if (NA))', () => {
    const outcome = cusum.run(
      series([...history, 4, NaN]),
      cusum.control.parse({ reset: true, range: [5, 6] }),
    );
    expect(outcome).toMatchObject({
      ok: false,
      error: { field: 'observed', reason: matching(/t = 6/) },
    });
  });

  test('m = 0 (nothing before the range) gives NaN sums as in R, bounds 0', () => {
    const r = detect([0, 0, 0, 2], { range: [3, 4] });
    expect(r.extra.cusum).toEqual([NaN, NaN]);
    expect(r.alarm).toEqual([null, null]);
    expect(r.upperbound).toEqual([0, 0]);
  });
});

describe('algo.cusum, other transformations', () => {
  const y = [5, 3, 6, 4, 7, 5, 9, 14, 2, 11];
  const range: [number, number] = [6, 10];

  // Each bound is the count that makes C_t = h from C_{t-1}: feeding it back must give exactly h.
  test.each([
    ['rossi', (x: number, m: number) => (x - 3 * m + 2 * Math.sqrt(x * m)) / (2 * Math.sqrt(m))],
    ['anscombe', (x: number, m: number) => (1.5 * (x ** (2 / 3) - m ** (2 / 3))) / m ** (1 / 6)],
    ['pearsonNegBin', (x: number, m: number) => (x - m) / Math.sqrt(m + 0.1 * m * m)],
  ] as const)('%s: the bound brings the sum to h', (trans, standardise) => {
    const r = detect(y, { trans, range });
    const m = 5; // mean of 5, 3, 6, 4, 7
    let before = 0;
    r.upperbound.forEach((u, i) => {
      expect(u).toBeGreaterThan(0);
      expect(before + standardise(u!, m) - 1.04).toBeCloseTo(2.26, 9);
      before = r.extra.cusum![i]!;
    });
  });

  test('anscombe2nd uses m^(1/3) in its bound where its transformation has m^(-1/3) (as R)', () => {
    const r = detect(y, { trans: 'anscombe2nd', range: [6, 6] });
    const m = 5;
    expect(r.upperbound[0]).toBeCloseTo(
      ((2 / 3) * m ** (1 / 6) * 3.3 + (m ** (2 / 3) - m ** (1 / 3) / 9)) ** 1.5,
      12,
    );
    expect(r.extra.cusum![0]).toBeCloseTo(
      Math.max(0, (5 ** (2 / 3) - (m ** (2 / 3) - m ** (-1 / 3) / 9)) / ((2 / 3) * m ** (1 / 6)) - 1.04),
      12,
    );
  });

  test('none: the raw counts are summed and the bound is h - C_t', () => {
    const r = detect([0, 1, 2, 0], { trans: 'none', range: [2, 4] });
    expect(r.extra.cusum).toEqual([0, expect.closeTo(0.96, 12), 0]);
    expect(r.upperbound).toEqual([2.26, expect.closeTo(1.3, 12), 2.26]);
  });
});

describe('algo.cusum, choices of m', () => {
  test('a number or one number per point replaces the mean; the range may then start at 1', () => {
    expect(detect([9, 1], { m: 4, range: [1, 2] }).extra.m).toEqual([4, 4]);
    const r = detect([9, 1], { m: [4, 1], range: [1, 2] });
    expect(r.extra.m).toEqual([4, 1]);
    expect(r.extra.cusum).toEqual([expect.closeTo(1.46, 12), expect.closeTo(0.42, 12)]);
  });

  test('m with the wrong number of values is refused', () => {
    const outcome = cusum.run(series([1, 2, 3]), cusum.control.parse({ m: [1, 2], range: [1, 3] }));
    expect(outcome).toMatchObject({ ok: false, error: { field: 'm' } });
  });

  test('m = "glm" on flat training data predicts that level', () => {
    const r = detect([...new Array<number>(104).fill(6), 6, 20], { m: 'glm', range: [105, 106] });
    expect(r.extra.m![0]).toBeCloseTo(6, 6);
    expect(r.alarm).toEqual([0, 1]);
  });

  test('m = "glm" follows a seasonal pattern', () => {
    const y = Array.from({ length: 156 }, (_, i) =>
      Math.round(10 * Math.exp(Math.cos((2 * Math.PI * (i + 1)) / 52))),
    );
    const r = detect(y, { m: 'glm', range: [105, 156] });
    const peak = r.extra.m![155 - 104]!; // t = 156 is a multiple of 52: the seasonal peak
    const trough = r.extra.m![130 - 105]!;
    expect(peak).toBeGreaterThan(20);
    expect(trough).toBeLessThan(6);
  });

  test('m = "glm" without any count before the range is refused', () => {
    const outcome = cusum.run(series([NaN, NaN, 4]), cusum.control.parse({ m: 'glm', range: [3, 3] }));
    expect(outcome).toMatchObject({ ok: false, error: { field: 'observed', reason: matching(/glm/) } });
  });

  test('with m estimated, the range must leave a point before it', () => {
    expect(cusum.run(series([1, 2]), cusum.control.parse({ range: [1, 2] }))).toMatchObject({
      ok: false,
      error: { field: 'range' },
    });
    expect(detect([1, 2, 3]).t).toEqual([2, 3]);
  });

  test.each([
    [{ trans: 'anscombeNegBin' }, 'trans', /hypergeometric/],
    [{ trans: 'log' }, 'trans', /standard/],
    [{ h: 0 }, 'h', /> 0/],
    [{ m: 'mean' }, 'm', /glm/],
  ])('control %o is refused (%s)', (control, field, reason) => {
    expect(refusal(control)).toEqual({ field, reason: matching(reason) });
  });
});

describe('algo.cusum properties', () => {
  test('a flat series never alarms (standard and rossi)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10000 }),
        fc.integer({ min: 2, max: 80 }),
        fc.constantFrom('standard', 'rossi'),
        (c, n, trans) => {
          const r = detect(new Array<number>(n).fill(c), { trans });
          expect(r.alarm).not.toContain(1);
          expect(r.extra.cusum!.every((v) => v === 0)).toBe(true);
        },
      ),
    );
  });

  test('the standard bound is the smallest count that alarms', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 6, maxLength: 30 }), (y) => {
        const from = 5;
        const r = detect(y, { range: [from, y.length] });
        r.upperbound.forEach((u, i) => {
          if (y.slice(0, from - 1).every((v) => v === 0)) return;
          const test = (count: number) => {
            const changed = [...y];
            changed[from - 1 + i] = count;
            return detect(changed, { range: [from, y.length] }).alarm[i];
          };
          if (u! > 0) expect(test(u! - 1)).toBe(0);
          expect(test(u!)).toBe(1);
        });
      }),
      { numRuns: 40 },
    );
  });
});
