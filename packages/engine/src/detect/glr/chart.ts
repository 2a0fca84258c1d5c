/**
 * What the GLR and LR charts share: the settings R passes to its C routines and the result of one run of a
 * chart over a segment (the stretch monitored since the last alarm).
 */

/** The direction of the change to detect: `+1` for R's `dir = "inc"`, `-1` for `"dec"`. */
export type Direction = 1 | -1;

/** What R writes into `upperbound`: the statistic (`ret = "value"`) or the cases needed for an alarm. */
export type Returned = 'value' | 'cases';

export interface ChartSettings {
  /** The threshold `c.ARL` (R's `c_gamma`). */
  readonly cARL: number;
  readonly dir: Direction;
  readonly ret: Returned;
  /** Minimal number of observations after the change point (R's `Mtilde`). */
  readonly Mtilde: number;
  /** Window length back from `n` (R's `M`); `-1` means no window. */
  readonly M: number;
}

/** One run of a chart over a segment, as R's C routines (`glr_cusum`, `glr_nb_window`, …) return it. */
export interface ChartRun {
  /** 0-based position within the segment of the first alarm, or `-1` when the segment has none. */
  readonly alarmAt: number;
  /**
   * The statistic or the cases at each position of the segment, as R hands them to `upperbound` (before R
   * sets `NA` and negative values to 0). Positions R's C code never computes keep R's 0.
   */
  readonly bound: Float64Array;
}

/** Runs a chart on one segment: the counts and in-control means from the segment start on. */
export type RunChart = (x: Float64Array, mu0: Float64Array) => ChartRun;

/**
 * C's `fmax`: when one argument is `NaN` the other is returned (JavaScript's `Math.max` returns `NaN`).
 * R's C code clips the change estimate with it, so `NaN` estimates become 0.
 */
export function cFmax(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return a > b ? a : b;
}

/** The start value of R's running maximum over the change points (`maxGLR = -1e99`). */
export const NO_MAXIMUM = -1e99;
