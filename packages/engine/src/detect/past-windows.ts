import { z } from 'zod';
import { controlSchema } from './control.js';

/**
 * Baseline values shared by the RKI and Bayes systems (R `surveillance`: `algo.rkiLatestTimepoint`,
 * `algo.bayesLatestTimepoint`), and the sample moments the simple methods compute on their windows.
 *
 * The baseline of time point `t` is, in R's order: with `actY`, the `w` values just before `t`
 * (`y[t-w] .. y[t-1]`); then for each past year `i = 1..b` the `2w + 1` values centred on `t - i·freq`.
 * Years are counted in indices (`freq` back), never on the calendar, even for series with dates.
 */

export interface PastWindows {
  /** Number of past years. */
  readonly b: number;
  /** Half-width of each past-year window; with `actY`, also the number of current-year values. */
  readonly w: number;
  /** Whether the `w` values just before `t` belong to the baseline. */
  readonly actY: boolean;
}

/** How many values a baseline holds. */
export function pastWindowsLength(spec: PastWindows): number {
  return (spec.actY ? spec.w : 0) + spec.b * (2 * spec.w + 1);
}

/** The first 1-based `t` whose baseline lies inside the series (R stops for smaller `t`). */
export function pastWindowsEarliest(spec: PastWindows, freq: number): number {
  return spec.b * freq + spec.w + 1;
}

/**
 * Writes the 0-based indices of the baseline of 1-based `t` into `into` (at least
 * `pastWindowsLength(spec)` long), in R's order, and returns how many it wrote.
 */
export function fillPastWindowIndices(t: number, spec: PastWindows, freq: number, into: Int32Array): number {
  let k = 0;
  const i0 = t - 1;
  if (spec.actY) {
    for (let j = i0 - spec.w; j < i0; j++) into[k++] = j;
  }
  for (let year = 1; year <= spec.b; year++) {
    const centre = i0 - year * freq;
    for (let j = centre - spec.w; j <= centre + spec.w; j++) into[k++] = j;
  }
  return k;
}

/**
 * Arithmetic mean of `values[0 .. n-1]`. For counts the sum is exact, so `sum / n` is the correctly
 * rounded mean, which is what R's long-double `mean()` returns as well.
 */
export function mean(values: ArrayLike<number>, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  return sum / n;
}

/**
 * Sample standard deviation (divisor `n - 1`) of `values[0 .. n-1]` around their `mean`, by R's two-pass
 * rule (`var()` sums squared deviations from the mean). `NaN` when `n < 2` (R: `NA`).
 */
export function sampleSd(values: ArrayLike<number>, n: number, centre: number): number {
  if (n < 2) return NaN;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - centre;
    squares += d * d;
  }
  return Math.sqrt(squares / (n - 1));
}

/**
 * zod fields `b`, `w`, `actY` with the given R defaults, and the check that the baseline is usable:
 * not empty, and `w >= 1` with `actY` (R's `(t - 0):(t - 1)` would count down and take `y_t` itself).
 */
export function pastWindowsShape(defaults: PastWindows) {
  return {
    b: z.number().int('b must be a whole number').min(0, 'b (past years) must be >= 0').default(defaults.b),
    w: z.number().int('w must be a whole number').min(0, 'w (half window) must be >= 0').default(defaults.w),
    actY: z.boolean().default(defaults.actY),
  };
}

/** The baseline problem of a `b, w, actY` choice, or `null` when it is usable. */
export function pastWindowsIssue(spec: PastWindows): { path: string; message: string } | null {
  if (spec.actY && spec.w < 1) {
    return {
      path: 'w',
      message: 'w must be >= 1 when actY is true (R would put y_t itself into the baseline)',
    };
  }
  if (!spec.actY && spec.b < 1) {
    return { path: 'b', message: 'the baseline is empty: set b >= 1 or actY = true' };
  }
  return null;
}

/**
 * One control field of a fixed preset (`algo.rki1`, `algo.bayes2`, ...). R builds the preset's control
 * list itself and takes only `range` from the caller's, silently ignoring anything else. We accept the
 * preset's own names only with the preset's value, so a different value is refused rather than ignored.
 */
export function presetField<V extends number | boolean>(
  name: string,
  value: V,
  method: string,
  base: string,
) {
  return z
    .literal(value, {
      error: `${method} fixes ${name} = ${String(value)} (R ignores any other value); use ${base} to choose ${name}`,
    })
    .optional();
}

/**
 * The control of a method over past windows (`algo.rki`, `algo.bayes`): `b`, `w`, `actY` with its R defaults
 * beside its own fields, refusing a baseline that would be empty or hold `y_t` itself.
 */
export function pastWindowsControl<Extra extends z.ZodRawShape>(defaults: PastWindows, extra: Extra) {
  return controlSchema({ ...pastWindowsShape(defaults), ...extra }).check((ctx) => {
    const issue = pastWindowsIssue(ctx.value as PastWindows);
    if (issue)
      ctx.issues.push({ code: 'custom', input: ctx.value, path: [issue.path], message: issue.message });
  });
}

/** A fixed preset's `b`, `w`, `actY` (`algo.rki1`, `algo.bayes2`, ...), each accepted only with its value. */
export function presetWindowFields(spec: PastWindows, method: string, base: string) {
  return {
    b: presetField('b', spec.b, method, base),
    w: presetField('w', spec.w, method, base),
    actY: presetField('actY', spec.actY, method, base),
  };
}
