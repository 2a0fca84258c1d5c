import type { z } from 'zod';

/**
 * A count series as the detection methods see it. Index 0 is R's `t = 1`: every method works on this
 * index, as R's `surveillance` does.
 */
export interface CountSeries {
  /** Counts; `NaN` marks a missing value (R's `NA`). */
  readonly observed: Float64Array;
  /** Observations per year: 52 for weekly, 365 for daily data (R's `freq`). */
  readonly frequency: number;
  /**
   * Day numbers (days since 1970-01-01) of each time point — the Monday of the week, or the day — when the
   * series has dates (R's `epochAsDate = TRUE`). Absent for index-based series.
   */
  readonly dates?: Int32Array;
  /** Population under observation at each time point, for methods with a population offset. */
  readonly population?: Float64Array;
}

/** One cell of an output column: a number (possibly `NaN` or ±`Infinity`) or `null` for R's `NA`. */
export type Cell = number | null;

/** What a method reports over its monitored range, one entry per monitored time point. */
export interface DetectionResult {
  /** 1-based indices of the monitored time points, in time order. */
  readonly t: number[];
  readonly upperbound: Cell[];
  /** 1, 0 or `null` (R's `NA`). */
  readonly alarm: Cell[];
  /** The method's further columns (`expected`, `score`, `pvalue`, …) in R's order. */
  readonly extra: Readonly<Record<string, Cell[]>>;
}

/** Why a method could not be applied: the control field or input column at fault and the reason. */
export interface DetectionError {
  readonly field: string;
  readonly reason: string;
}

export type DetectionOutcome =
  | { readonly ok: true; readonly value: DetectionResult }
  | { readonly ok: false; readonly error: DetectionError };

/** Monitored range as R's `control$range`: 1-based, inclusive. */
export type Range = readonly [from: number, to: number];

/**
 * A detection method: its R name, the zod schema of its control object (R's control names and R's
 * defaults; the CLI and the API validate user input with it once) and the computation itself.
 */
export interface DetectionMethod<Control = unknown> {
  readonly name: string;
  readonly control: z.ZodType<Control, unknown>;
  readonly run: (series: CountSeries, control: Control) => DetectionOutcome;
}

export const ok = (value: DetectionResult): DetectionOutcome => ({ ok: true, value });
export const fail = (field: string, reason: string): DetectionOutcome => ({
  ok: false,
  error: { field, reason },
});
