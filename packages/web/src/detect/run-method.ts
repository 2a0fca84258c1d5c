import { methods, type Cell } from '@shaobing/engine';

/**
 * Runs a detection method of the engine in the browser, on a series the API returned: the same code the
 * platform's detection runs use, so the explorer shows what the platform would compute, at once and for
 * any method and control. This module (and the engine) is loaded only by the views that draw thresholds.
 */

export const METHOD_NAMES: readonly string[] = [...methods.keys()];

export interface MethodRun {
  readonly ok: true;
  /** Aligned with the input points; null outside the monitored range or where the method gives none. */
  readonly expected: (number | null)[];
  readonly upperbound: (number | null)[];
  /** Indices (0-based) of alarmed points. */
  readonly alarms: number[];
  readonly milliseconds: number;
}
export type MethodOutcome =
  MethodRun | { readonly ok: false; readonly field: string; readonly reason: string };

const DAY = 86_400_000;
const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const finite = (x: Cell | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

export function runMethod(
  method: string,
  control: Readonly<Record<string, unknown>>,
  points: readonly { period: string; count: number | null }[],
  interval: 'day' | 'week',
  /** First monitored point (0-based); the points before it are the baseline. */
  firstMonitored: number,
): MethodOutcome {
  const registered = methods.get(method);
  if (!registered) return { ok: false, field: 'method', reason: `unknown method ${method}` };
  const started = performance.now();
  const series = {
    observed: Float64Array.from(points, (p) => p.count ?? Number.NaN),
    frequency: interval === 'week' ? 52 : 365,
    dates: Int32Array.from(points, (p) => dayNumber(p.period)),
  };
  const n = points.length;
  const from = Math.min(Math.max(firstMonitored, 0), n - 1) + 1;
  const outcome = registered.detect(series, { ...control, range: [from, n] });
  if (!outcome.ok) return { ok: false, field: outcome.error.field, reason: outcome.error.reason };
  const expected: (number | null)[] = new Array<number | null>(n).fill(null);
  const upperbound: (number | null)[] = new Array<number | null>(n).fill(null);
  const alarms: number[] = [];
  const result = outcome.value;
  const expectedColumn = result.extra.expected ?? result.extra.mean;
  result.t.forEach((t, i) => {
    upperbound[t - 1] = finite(result.upperbound[i]);
    expected[t - 1] = finite(expectedColumn?.[i]);
    if (result.alarm[i] === 1) alarms.push(t - 1);
  });
  return { ok: true, expected, upperbound, alarms, milliseconds: performance.now() - started };
}
