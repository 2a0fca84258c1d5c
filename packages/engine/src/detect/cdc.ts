import { z } from 'zod';
import { qnorm } from '../stats/normal.js';
import { controlSchema } from './control.js';
import { resolveRange } from './default-range.js';
import { mean, sampleSd } from './past-windows.js';
import {
  fail,
  ok,
  type Cell,
  type CountSeries,
  type DetectionMethod,
  type DetectionOutcome,
} from './types.js';

/**
 * The CDC method — R `surveillance::algo.cdc` (Stroup, Williamson, Herndon & Karon 1989, "Detection of
 * aberrations in the occurrence of notifiable diseases surveillance data", Stat. Med. 8:323; prediction
 * interval of Farrington & Andrews 2003).
 *
 * Works on 4-week sums. Baseline: for each past year `i = 1..b` the `2m + 1` consecutive 4-week blocks
 * centred on the block ending at `t - 52 i`, i.e. ending at `t - 52 i + 4 j`, `j = -m..m`
 * (`(2m + 1) b` sums, 15 by default). `U = mean + z · sd · sqrt(1 + 1/(number of sums))` with the
 * two-sided `z = qnorm(1 - alpha/2)`. Current value `aggr = y_{t-3} + ... + y_t`; alarm when `aggr > U`.
 * The bound is on the 4-week-sum scale, not comparable with `observed`.
 *
 * Where R differs, we follow R:
 * - Blocks are whole-number sums (`as.integer(by(..., sum))`: non-integer sums are truncated, sums beyond
 *   R's integer range become `NA`).
 * - A missing count makes its 4-week sum `NA`, and with it `U` (baseline) and/or `aggr` and the alarm.
 * - Weekly data only (R stops otherwise); years are 52 indices back, also for dated series.
 * - R's default `range` starts at `52 b - m`, where its own baseline does not fit, and stops; the first
 *   usable point, and our default start, is `52 b + 4 m + 4` (268 by default). Older surveillance versions
 *   also overwrote `m` with 1 (it tested `control$w`); current R honours `m`, as we do.
 */

const cdcControl = controlSchema({
  b: z.number().int('b must be a whole number').min(1, 'b (past years) must be >= 1').default(5),
  m: z
    .number()
    .int('m must be a whole number')
    .min(0, 'm must be >= 0')
    .max(6, 'm must be <= 6: wider windows of neighbouring years would overlap')
    .default(1),
  alpha: z.number().gt(0, 'alpha must be in (0, 1)').lt(1, 'alpha must be in (0, 1)').default(0.025),
}).check((ctx) => {
  if ((2 * ctx.value.m + 1) * ctx.value.b < 2) {
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      path: ['b'],
      message: 'the baseline needs at least two 4-week sums: set b >= 2 or m >= 1',
    });
  }
});
export type CdcControl = z.infer<typeof cdcControl>;

const WEEKS_PER_YEAR = 52;

const INT_MAX = 2147483647;

/**
 * Sum of the 4 counts ending at 0-based `end` as R's `as.integer` leaves it: truncated, and `NaN` (R's
 * `NA`) when a count is missing or the sum is beyond R's integer range.
 */
function fourWeekSum(y: Float64Array, end: number): number {
  const sum = Math.trunc(y[end - 3]! + y[end - 2]! + y[end - 1]! + y[end]!);
  return Math.abs(sum) > INT_MAX ? NaN : sum;
}

function run(series: CountSeries, control: CdcControl): DetectionOutcome {
  if (series.frequency !== WEEKS_PER_YEAR) {
    return fail('frequency', `algo.cdc only works for weekly data (frequency 52), not ${series.frequency}`);
  }
  const { b, m, alpha } = control;
  const earliest = WEEKS_PER_YEAR * b + 4 * m + 4;
  const range = resolveRange(series, control.range, earliest, 'algo.cdc');
  if (!range.ok) return { ok: false, error: range.error };
  const { from, to } = range;
  const y = series.observed;
  const blocks = (2 * m + 1) * b;
  const sums = new Float64Array(blocks);
  const z = qnorm(1 - alpha / 2);
  const inflation = Math.sqrt(1 + 1 / blocks);
  const upperbound: Cell[] = [];
  const alarm: Cell[] = [];
  const aggr: Cell[] = [];
  for (let t = from; t <= to; t++) {
    let k = 0;
    let missing = false;
    // Oldest year first, blocks in time order: R's `sort(baseidx)` grouping.
    for (let year = b; year >= 1; year--) {
      for (let j = -m; j <= m; j++) {
        const s = fourWeekSum(y, t - 1 - WEEKS_PER_YEAR * year + 4 * j);
        if (Number.isNaN(s)) missing = true;
        sums[k++] = s;
      }
    }
    let bound: Cell = null;
    if (!missing) {
      const centre = mean(sums, blocks);
      bound = centre + z * sampleSd(sums, blocks, centre) * inflation;
    }
    const current = y[t - 1]! + y[t - 2]! + y[t - 3]! + y[t - 4]!;
    const aggrCell = Number.isNaN(current) ? null : current;
    upperbound.push(bound);
    aggr.push(aggrCell);
    alarm.push(bound === null || aggrCell === null ? null : aggrCell > bound ? 1 : 0);
  }
  const t = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return ok({ t, upperbound, alarm, extra: { aggr } });
}

export const cdc: DetectionMethod<CdcControl> = {
  name: 'algo.cdc',
  control: cdcControl,
  run,
};
