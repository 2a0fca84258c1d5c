import type { RunChart } from './chart.js';

/**
 * R's outer loop of `algo.glrnb`: run the chart from the start of the range; at an alarm, record the chart's
 * values up to it and restart the chart on the points after it (with the same in-control means, or with
 * means refitted on everything before the restart when `mu0$refit` is set). After the loop R writes the last
 * segment's values once more, then sets `NA`/`NaN` and negative values of `upperbound` to 0.
 */

/** New in-control means for the positions `start ..` of the range, or the reason the refit failed. */
export type Refit = (start: number) => Float64Array | string;

export type SegmentsOutcome =
  | {
      readonly ok: true;
      readonly upperbound: Float64Array;
      readonly alarm: Uint8Array;
      readonly mu0: Float64Array;
    }
  | { readonly ok: false; readonly reason: string };

export function runSegments(
  x: Float64Array,
  mu0Initial: Float64Array,
  chart: RunChart,
  refit?: Refit,
): SegmentsOutcome {
  const length = x.length;
  const mu0 = Float64Array.from(mu0Initial);
  const upperbound = new Float64Array(length);
  const alarm = new Uint8Array(length);
  let done = 0;
  let lastStart = 0;
  let lastBound: Float64Array = new Float64Array(0);
  while (done < length) {
    const run = chart(x.subarray(done), mu0.subarray(done));
    lastStart = done;
    lastBound = run.bound;
    if (run.alarmAt < 0) break;
    upperbound.set(run.bound.subarray(0, run.alarmAt + 1), done);
    alarm[done + run.alarmAt] = 1;
    done += run.alarmAt + 1;
    // R would refit on an empty remainder too and stop with an error; there is nothing left to monitor.
    if (refit && done < length) {
      const refitted = refit(done);
      if (typeof refitted === 'string') return { ok: false, reason: refitted };
      mu0.set(refitted, done);
    }
  }
  upperbound.set(lastBound, lastStart);
  for (let i = 0; i < length; i++) {
    const u = upperbound[i]!;
    if (Number.isNaN(u) || u < 0) upperbound[i] = 0;
  }
  return { ok: true, upperbound, alarm, mu0 };
}
