import type { GroupedTrendData } from '../../glm/grouped-trend.js';
import type { CountSeries } from '../types.js';

/** Per-series values every time point's baseline draws from, computed once per call. */
export class SeriesCache {
  readonly n: number;
  readonly y: Float64Array;
  readonly yLogY: Float64Array;
  /** `log(y + 0.1)`: R's IRLS start, and its mean `max(exp(.), eps)`. */
  readonly etaStart: Float64Array;
  readonly muStart: Float64Array;
  /** `y^(2/3)` for the Anscombe residuals. */
  readonly y23: Float64Array;
  /** `log(population)` when the series has a population, else `null`. */
  readonly logPopulation: Float64Array | null;

  constructor(series: CountSeries) {
    const y = series.observed;
    const n = y.length;
    this.n = n;
    this.y = y;
    this.yLogY = new Float64Array(n);
    this.etaStart = new Float64Array(n);
    this.muStart = new Float64Array(n);
    this.y23 = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = y[i]!;
      this.yLogY[i] = v !== 0 ? v * Math.log(v) : 0;
      const eta = Math.log(v + 0.1);
      this.etaStart[i] = eta;
      this.muStart[i] = Math.max(Math.exp(eta), 2.220446049250313e-16);
      this.y23[i] = Math.pow(v, 2 / 3);
    }
    const pop = series.population;
    this.logPopulation = pop ? Float64Array.from(pop, Math.log) : null;
  }
}

interface MutableData {
  n: number;
  y: Float64Array;
  yLogY: Float64Array;
  etaStart: Float64Array;
  muStart: Float64Array;
  t: Float64Array;
  group: Int32Array;
  groups: number;
  offset: Float64Array | null;
  priorWeights: Float64Array | null;
}

/** The baseline of one time point in reusable buffers: the GLM rows plus what the prediction needs. */
export class Baseline {
  readonly data: GroupedTrendData;
  private readonly rows: MutableData;
  readonly y23: Float64Array;
  private readonly offsetBuffer: Float64Array;
  /** Group (factor level index) of the current week, its covariate and its offset. */
  predictionGroup = 0;
  predictionTime = 0;
  predictionOffset = 0;
  /** Largest baseline count (R's `max(response)`). */
  maxY = 0;

  constructor(capacity: number) {
    this.rows = {
      n: 0,
      y: new Float64Array(capacity),
      yLogY: new Float64Array(capacity),
      etaStart: new Float64Array(capacity),
      muStart: new Float64Array(capacity),
      t: new Float64Array(capacity),
      group: new Int32Array(capacity),
      groups: 1,
      offset: null,
      priorWeights: null,
    };
    this.data = this.rows;
    this.y23 = new Float64Array(capacity);
    this.offsetBuffer = new Float64Array(capacity);
  }

  get n(): number {
    return this.rows.n;
  }

  /** Sets (or with `null` clears) the prior weights of the next fits, keeping the rows object's shape. */
  setPriorWeights(weights: Float64Array | null): void {
    this.rows.priorWeights = weights;
  }

  /** Starts a new baseline with `groups` factor levels, with or without a population offset. */
  reset(groups: number, withOffset: boolean): void {
    this.rows.n = 0;
    this.rows.groups = groups;
    this.rows.offset = withOffset ? this.offsetBuffer : null;
    this.rows.priorWeights = null;
    this.maxY = -Infinity;
  }

  /** Appends series point `j` (0-based) with covariate `t` and factor level `group`. */
  push(cache: SeriesCache, j: number, t: number, group: number): void {
    const r = this.rows;
    const i = r.n;
    const y = cache.y[j]!;
    r.y[i] = y;
    r.yLogY[i] = cache.yLogY[j]!;
    r.etaStart[i] = cache.etaStart[j]!;
    r.muStart[i] = cache.muStart[j]!;
    r.t[i] = t;
    r.group[i] = group;
    this.y23[i] = cache.y23[j]!;
    if (r.offset !== null) r.offset[i] = cache.logPopulation![j]!;
    if (y > this.maxY) this.maxY = y;
    r.n = i + 1;
  }
}
