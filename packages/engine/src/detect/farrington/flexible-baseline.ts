import type { CountSeries } from '../types.js';
import type { Baseline, SeriesCache } from './baseline.js';
import { weekday, yearsBefore } from './calendar.js';

/** The controls of farringtonFlexible that shape the baseline. */
export interface FlexibleLayout {
  readonly b: number;
  readonly w: number;
  readonly noPeriods: number;
  readonly pastWeeksNotIncluded: number;
  readonly populationOffset: boolean;
}

/**
 * Builds farringtonFlexible's baseline for a time point (README 7.2 steps 1-4; R's
 * `algo.farrington.referencetimepoints`, `blocks` and `algo.farrington.data.glm`): the reference weeks
 * `b` years back (by index, or on the calendar for dated series), the period labels (windows of `2w + 1`
 * weeks around them labelled `noPeriods`, the gaps between cut into `noPeriods - 1` blocks), minus the
 * `pastWeeksNotIncluded + 1` most recent weeks and the missing counts.
 *
 * R's index arithmetic is reproduced, including its quirks: a window reaching index 0 silently loses that
 * point, a window reaching a negative index is an error, a block of negative length is a descending range.
 */
export class FlexibleBaselineBuilder {
  private readonly labels: Int32Array; // 1-based; 0 = no label
  private readonly refs: Int32Array;
  private readonly levelIndex: Int32Array;
  private readonly blockLengths: Int32Array;
  private readonly dateIndex: Map<number, number> | null;
  private touchedFrom = 1;
  private touchedTo = 0;

  constructor(
    private readonly series: CountSeries,
    private readonly cache: SeriesCache,
    private readonly layout: FlexibleLayout,
  ) {
    const n = series.observed.length;
    this.labels = new Int32Array(n + 1);
    this.refs = new Int32Array(layout.b + 1);
    this.levelIndex = new Int32Array(layout.noPeriods + 1);
    this.blockLengths = new Int32Array(Math.max(layout.noPeriods, 1));
    const dates = series.dates;
    this.dateIndex = dates ? new Map(Array.from(dates, (d, i) => [d, i + 1])) : null;
  }

  /** Reference time points `r_0 = k > r_1 > … > r_b` (1-based), or why they do not exist. */
  private referencePoints(k: number): string | null {
    const { b } = this.layout;
    const { refs } = this;
    const dates = this.series.dates;
    const freq = this.series.frequency;
    refs[0] = k;
    for (let i = 1; i <= b; i++) {
      let idx: number | undefined;
      if (!dates || !this.dateIndex) {
        idx = k - freq * i;
        if (idx < 1) idx = undefined;
      } else {
        const today = dates[k - 1]!;
        let ref = yearsBefore(today, i);
        if (freq === 52) {
          // The date with the same weekday nearest to the calendar date (R: A, or B one week further).
          const a = ref - (weekday(ref) - weekday(today));
          const bAlt = a + (a > ref ? -7 : 7);
          ref = Math.abs(a - ref) > Math.abs(bAlt - ref) ? bAlt : a;
        }
        idx = this.dateIndex.get(ref);
      }
      if (idx === undefined) {
        return `t = ${k}: the reference time point ${i} year(s) back is not in the series; decrease b or postpone range`;
      }
      refs[i] = idx;
    }
    return null;
  }

  /** R's `labels[from:to] <- value` (either direction); index 0 is ignored, a negative one is R's error. */
  private assign(from: number, to: number, value: number): boolean {
    const lo = Math.min(from, to);
    const hi = Math.max(from, to);
    if (lo < 0) return false;
    const n = this.labels.length - 1;
    const start = Math.max(lo, 1);
    const end = Math.min(hi, n);
    for (let j = start; j <= end; j++) this.labels[j] = value;
    if (start < this.touchedFrom) this.touchedFrom = start;
    if (end > this.touchedTo) this.touchedTo = end;
    return true;
  }

  /** Fills `out` with the baseline of time point `k` (1-based); returns an error message or `null`. */
  build(k: number, out: Baseline): string | null {
    const { w, b, noPeriods: P, pastWeeksNotIncluded: E } = this.layout;
    const refError = this.referencePoints(k);
    if (refError) return refError;
    const { labels, refs, levelIndex, blockLengths } = this;
    labels.fill(0, this.touchedFrom, this.touchedTo + 1);
    this.touchedFrom = k;
    this.touchedTo = k;
    const tooEarly = `t = ${k}: the baseline window reaches before the start of the series (R stops); postpone range or decrease b or w`;
    if (!this.assign(k - w, k, P)) return tooEarly;
    for (let i = 1; i <= b; i++) {
      const r = refs[i]!;
      if (!this.assign(r - w, r + w, P)) return tooEarly;
      if (P === 1) continue;
      const period = refs[i - 1]! - 2 * w - 1 - r;
      if (period < P - (2 * w + 1))
        return `t = ${k}: noPeriods = ${P} is too big for the gap between reference windows (R: "Number of factors too big!")`;
      const len = Math.floor(period / (P - 1));
      const rest = period - len * (P - 1);
      for (let j = 0; j < P - 1; j++) blockLengths[j] = len + (j < rest ? 1 : 0);
      let cum = 0;
      for (let j = 1; j <= P - 1; j++) {
        const next = cum + blockLengths[j - 1]!;
        if (!this.assign(r + w + 1 + cum, r + w + 1 + next - 1, j)) return tooEarly;
        cum = next;
      }
    }
    // The most recent weeks k - E, …, k are left out (R sets them to NA).
    if (k - E < 0) return `t = ${k}: pastWeeksNotIncluded = ${E} reaches before the start of the series`;
    const lastIncluded = Math.min(k - E - 1, this.touchedTo);
    // Factor levels in R's order: the sorted labels present before missing counts are dropped.
    levelIndex.fill(-1);
    let firstLabelled = -1;
    for (let j = this.touchedFrom; j <= lastIncluded; j++) {
      const l = labels[j]!;
      if (l === 0) continue;
      levelIndex[l] = 0;
      if (firstLabelled < 0) firstLabelled = j;
    }
    let groups = 0;
    for (let l = 1; l <= P; l++) if (levelIndex[l] === 0) levelIndex[l] = groups++;
    if (firstLabelled < 0) return `t = ${k}: the baseline is empty`;
    if (P !== 1) {
      if (groups < 2)
        return `t = ${k}: only one period level in the baseline (R: contrasts need 2 or more levels)`;
      if (levelIndex[P]! < 0)
        return `t = ${k}: the current period level ${P} has no baseline data (R: factor has new levels)`;
    }
    const { cache, series } = this;
    const offset = this.layout.populationOffset;
    out.reset(P === 1 ? 1 : groups, offset);
    const dates = series.dates;
    // Date-based covariate: weeks (or days) since the first baseline date, missing counts included.
    const unit = dates && dates.length > 1 ? dates[1]! - dates[0]! : 1;
    const origin = dates ? dates[firstLabelled - 1]! : 0;
    let firstKept = -1;
    for (let j = firstLabelled; j <= lastIncluded; j++) {
      const l = labels[j]!;
      if (l === 0 || Number.isNaN(cache.y[j - 1]!)) continue;
      if (offset && !(series.population![j - 1]! > 0))
        return `t = ${j}: population must be positive for the population offset`;
      if (firstKept < 0) firstKept = j;
      const t = dates ? (dates[j - 1]! - origin) / unit : j;
      out.push(cache, j - 1, t, P === 1 ? 0 : levelIndex[l]!);
    }
    if (firstKept < 0) return `t = ${k}: every baseline count is missing`;
    out.predictionGroup = P === 1 ? 0 : levelIndex[P]!;
    // R predicts at the current date relative to the first baseline row left after dropping missing counts.
    out.predictionTime = dates ? (dates[k - 1]! - dates[firstKept - 1]!) / unit : k;
    if (offset) {
      if (!(series.population![k - 1]! > 0))
        return `t = ${k}: population must be positive for the population offset`;
      out.predictionOffset = cache.logPopulation![k - 1]!;
    } else out.predictionOffset = 0;
    return null;
  }
}
