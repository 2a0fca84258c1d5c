import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { glrnb, glrpois } from './glr.js';
import type { CountSeries, DetectionMethod, DetectionOutcome, DetectionResult } from './types.js';

/** `expect.stringMatching`, typed for use inside object literals. */
const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern);

const series = (observed: number[], frequency = 52): CountSeries => ({
  observed: Float64Array.from(observed),
  frequency,
});

/** The first issue of an invalid control, as the registry reports it (field = issue path). */
function refusal(method: DetectionMethod<unknown>, control: unknown) {
  const parsed = method.control.safeParse(control);
  const issue = parsed.success ? undefined : parsed.error.issues[0];
  return issue && { field: issue.path.length > 0 ? issue.path.join('.') : 'control', reason: issue.message };
}

function run(
  method: DetectionMethod<unknown>,
  s: CountSeries,
  control: Record<string, unknown>,
): DetectionOutcome {
  return method.run(s, method.control.parse(control));
}

function detect(
  method: DetectionMethod<unknown>,
  s: CountSeries,
  control: Record<string, unknown>,
): DetectionResult {
  const outcome = run(method, s, control);
  if (!outcome.ok) throw new Error(`${outcome.error.field}: ${outcome.error.reason}`);
  return outcome.value;
}

const nb = glrnb as DetectionMethod<unknown>;
const pois = glrpois as DetectionMethod<unknown>;

/** salmonella_agona from the reference folder: 312 weekly counts. */
function salmonella(): number[] {
  const url = new URL('../../test/reference/salmonella_agona__input.csv', import.meta.url);
  const lines = readFileSync(url, 'utf8').trim().split('\n');
  const column = lines[0]!.split(',').indexOf('observed');
  return lines.slice(1).map((line) => Number(line.split(',')[column]));
}

describe('controls', () => {
  test("R's defaults", () => {
    expect(glrnb.control.parse({})).toMatchObject({
      'c.ARL': 5,
      Mtilde: 1,
      M: -1,
      change: 'intercept',
      dir: 'inc',
      ret: 'value',
      xMax: 1e4,
    });
    expect(glrnb.control.parse({}).alpha).toBeUndefined();
    expect(glrnb.control.parse({ mu0: {} }).mu0).toEqual({ S: 1, trend: false, refit: false });
  });

  test.each([
    [{ 'c.ARL': 0 }, 'c.ARL', /positive/],
    [{ Mtilde: 0 }, 'Mtilde', /at least 1/],
    [{ M: 0 }, 'M', /-1 \(no window\) or at least Mtilde/],
    [{ M: 2, Mtilde: 3 }, 'M', /at least Mtilde \(3\)/],
    [{ dir: 'up' }, 'dir', /'inc' or 'dec'/],
    [{ ret: 'both' }, 'ret', /'value' or 'cases'/],
    [{ change: 'trend' }, 'change', /'intercept' or 'epi'/],
    [{ alpha: -0.1 }, 'alpha', /0 or more/],
    [{ theta: -1 }, 'theta', /positive/],
    [{ mu0: { S: -1 } }, 'mu0.S', /0 or more/],
    [{ mu0: [1, 0] }, 'mu0.1', /positive/],
    [{ xMax: 2.5 }, 'xMax', /whole number/],
    [{ mu: 3 }, 'control', /mu/],
  ])('glrnb refuses %j', (control, field, reason) => {
    expect(refusal(nb, control)).toEqual({ field, reason: matching(reason) });
  });

  test('glrpois accepts only alpha = 0, as R', () => {
    expect(refusal(pois, { alpha: 0 })).toBeUndefined();
    expect(refusal(pois, { alpha: 0.2 })).toEqual({
      field: 'alpha',
      reason: matching(/alpha = 0/),
    });
  });
});

describe('refusals at run time', () => {
  const s = series([1, 2, 3, 4, 5, 6]);
  test.each([
    [{ change: 'epi', range: [4, 6] }, 'change', /epi/],
    [{ theta: 0.5, dir: 'dec', range: [4, 6] }, 'dir', /only increases/],
    [{ mu0: [1, 1], range: [4, 6] }, 'mu0', /2 values but the range/],
    [{ mu0: [1, 1, 1], range: [4, 6] }, 'alpha', /alpha must be given/],
    [{ range: [1, 6] }, 'range', /t >= 2/],
    [{ range: [4, 7] }, 'range', /series has 6/],
  ])('%j', (control, field, reason) => {
    const outcome = run(nb, s, control);
    expect(outcome).toMatchObject({ ok: false, error: { field, reason: matching(reason) } });
  });

  test('a missing count in the range is refused with its time point (R: NAs in foreign function call)', () => {
    const outcome = run(pois, series([1, 2, 3, NaN, 5]), { range: [4, 5] });
    expect(outcome).toMatchObject({
      ok: false,
      error: { field: 'observed', reason: matching(/t = 4/) },
    });
  });

  test('non-integer or negative counts are refused', () => {
    expect(run(pois, series([1, 2, 3.5, 4]), { range: [4, 4] })).toMatchObject({ ok: false });
    expect(run(pois, series([1, -2, 3, 4]), { range: [4, 4] })).toMatchObject({ ok: false });
  });

  test('too few counts before the range to fit the seasonal model', () => {
    const outcome = run(pois, series([1, NaN, 3, 4]), { range: [3, 4] });
    expect(outcome).toMatchObject({
      ok: false,
      error: { field: 'mu0', reason: matching(/3 coefficients/) },
    });
  });
});

describe('given in-control means', () => {
  test('Poisson GLR restarts after each alarm (hand-computed: 7 cases on a mean of 1 alarm at once)', () => {
    const r = detect(pois, series([0, 7, 0, 0, 7]), { mu0: [1, 1, 1, 1, 1], range: [1, 5] });
    expect(r.alarm).toEqual([0, 1, 0, 0, 1]);
    expect(r.upperbound[1]).toBeCloseTo(7 * Math.log(7) - 6, 13);
    expect(r.upperbound[4]).toBeCloseTo(7 * Math.log(7) - 6, 13);
    expect(r.extra).toEqual({ mu0: [1, 1, 1, 1, 1], alpha: [0, 0, 0, 0, 0] });
  });

  test('cases: the count at each week that would have alarmed (6 for a mean of 1 and c.ARL 5)', () => {
    const r = detect(pois, series([0, 7, 0]), { mu0: [1, 1, 1], range: [1, 3], ret: 'cases' });
    expect(r.upperbound).toEqual([6, 6, 6]);
    expect(r.alarm).toEqual([0, 1, 0]);
  });

  test('negative binomial with a given alpha; the alpha column reports it', () => {
    const r = detect(nb, series([0, 7, 0]), { mu0: [1, 1, 1], alpha: 0.5, range: [1, 3] });
    expect(r.extra.alpha).toEqual([0.5, 0.5, 0.5]);
    const poissonValue = detect(pois, series([0, 7, 0]), { mu0: [1, 1, 1], range: [1, 3] }).upperbound[1]!;
    expect(r.upperbound[1]).toBeLessThan(poissonValue);
  });

  test('fixed theta: the CUSUM of likelihood ratios', () => {
    const r = detect(pois, series([3, 0]), { mu0: [1, 1], theta: Math.log(2), range: [1, 2] });
    expect(r.upperbound[0]).toBeCloseTo(3 * Math.log(2) - 1, 14);
  });

  const counts = fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 30 });

  test('property: counts equal to their in-control means never alarm, GLR 0', () => {
    fc.assert(
      fc.property(counts, (x) => {
        const means = x.map((v) => Math.max(v, 1));
        const shifted = x.map((v) => Math.max(v, 1));
        const r = detect(pois, series(shifted), { mu0: means, range: [1, x.length] });
        expect(r.alarm.every((a) => a === 0)).toBe(true);
        expect(r.upperbound.every((u) => u === 0)).toBe(true);
      }),
    );
  });

  test('property: an alarm is exactly a GLR at or above c.ARL (value), a count at or above the bound (cases)', () => {
    fc.assert(
      fc.property(counts, fc.double({ min: 0.5, max: 4, noNaN: true }), (x, mean) => {
        const control = { mu0: x.map(() => mean), range: [1, x.length] };
        const value = detect(pois, series(x), control);
        value.upperbound.forEach((u, i) => expect(u! >= 5).toBe(value.alarm[i] === 1));
        const cases = detect(pois, series(x), { ...control, ret: 'cases' });
        expect(cases.alarm).toEqual(value.alarm);
        cases.upperbound.forEach((u, i) => expect(x[i]! >= u!).toBe(cases.alarm[i] === 1));
      }),
    );
  });
});

describe('in-control fit', () => {
  const observed = salmonella();

  test('missing counts before the range are left out of the fit, as R (na.omit)', () => {
    const withGap = [...observed];
    withGap[10] = NaN;
    const r = detect(pois, series(withGap), { range: [157, 170] });
    const full = detect(pois, series(observed), { range: [157, 170] });
    expect(r.extra.mu0).not.toEqual(full.extra.mu0);
    expect(r.alarm.length).toBe(14);
  });

  test('default range: everything after the first year', () => {
    const r = detect(pois, series(observed.slice(0, 60)), {});
    expect(r.t[0]).toBe(53);
    expect(r.t.at(-1)).toBe(60);
  });

  test('mu0 = { S: 2, trend: true } fits more terms and predicts other means', () => {
    const plain = detect(pois, series(observed), { range: [157, 160] });
    const richer = detect(pois, series(observed), { range: [157, 160], mu0: { S: 2, trend: true } });
    expect(richer.extra.mu0).not.toEqual(plain.extra.mu0);
  });

  test('refit: after an alarm the means are refitted on everything before the restart', () => {
    const spiked = [...observed];
    spiked[199] = 60; // t = 200
    const r = detect(pois, series(spiked), { range: [157, 210], mu0: { refit: true } });
    const alarmAt = r.alarm.indexOf(1);
    expect(alarmAt).toBeGreaterThanOrEqual(0);
    const restart = 157 + alarmAt + 1;
    const fresh = detect(pois, series(spiked), { range: [restart, 210] });
    expect(r.extra.mu0!.slice(alarmAt + 1)).toEqual(fresh.extra.mu0);
    const kept = detect(pois, series(spiked), { range: [157, 210] });
    expect(kept.extra.mu0!.slice(alarmAt + 1)).not.toEqual(fresh.extra.mu0);
  });

  test('glm.nb failure is refused with the reason and what would work, as R stops', () => {
    // Extremely over-dispersed history (a single huge spike): glm.nb's shape collapses to 0 and R stops.
    const spike = Array.from({ length: 130 }, (_, i) => (i === 3 ? 1 : i === 60 ? 100000 : 0));
    const outcome = run(nb, series(spike), { range: [105, 130] });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.reason).toMatch(/glm\.nb.*failed.*alpha.*algo\.glrpois/);
    // The two ways out the message names both work.
    expect(run(pois, series(spike), { range: [105, 130] }).ok).toBe(true);
    expect(run(nb, series(spike), { range: [105, 130], alpha: 0.5 }).ok).toBe(true);
  });

  test('a given alpha fits the negative binomial GLM with theta = 1 / alpha held fixed', () => {
    const estimated = detect(nb, series(observed), { range: [157, 170] });
    const alpha = estimated.extra.alpha![0]!;
    const fixed = detect(nb, series(observed), { range: [157, 170], alpha });
    expect(fixed.extra.alpha![0]).toBe(alpha);
    // Both fits converge to the same coefficients (from different starts, to IRLS precision).
    fixed.extra.mu0!.forEach((m, i) =>
      expect(Math.abs(m! / estimated.extra.mu0![i]! - 1)).toBeLessThan(1e-6),
    );
  });

  test('glrnb estimates alpha by glm.nb and reports it in every row', () => {
    const r = detect(nb, series(observed), { range: [157, 170] });
    expect(r.extra.alpha!.every((a) => a === r.extra.alpha![0] && a! > 0)).toBe(true);
  });
});
