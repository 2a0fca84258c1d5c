import { GroupedTrendIrls, type GroupedTrendData } from '../../glm/grouped-trend.js';
import {
  fitIrls,
  hatValues,
  predictionVarianceFactor,
  unscaledVariance,
  type IrlsFit,
} from '../../glm/irls.js';

/**
 * The quasi-Poisson GLM of the Farrington methods, `response ~ 1 + wtime + seasgroups (+ offset)`, as the
 * methods use it: fit, then read what R's `summary.glm`, `hatvalues` and `predict.glm` would. Groups are
 * the factor levels in R's order (group 0 is the reference level).
 *
 * The structured solver (`GroupedTrendIrls`, O(n) per step) handles every full-rank design; when R's QR
 * would drop a column (a level without data, a trend that is constant within levels) the fit is redone
 * with the general Householder IRLS so that R's pivoting and aliased coefficients are reproduced.
 */
export class FarringtonGlm {
  private readonly fast: GroupedTrendIrls;
  private general: IrlsFit | null = null;
  private generalTrendColumn = -1;
  private data: GroupedTrendData | null = null;
  failure = '';

  /**
   * `alwaysGeneral` skips the structured solver: for cross-checks of the two paths, and for a time point
   * whose trend is numerically zero, where only R's own arithmetic (uncentred QR) decides the t-test.
   */
  constructor(
    capacity: number,
    maxGroups: number,
    public alwaysGeneral = false,
  ) {
    this.fast = new GroupedTrendIrls(capacity, maxGroups);
  }

  /** Fits the model; `false` (with `failure`) where R's `glm()` stops. */
  fit(d: GroupedTrendData, trend: boolean): boolean {
    this.data = d;
    this.general = null;
    if (this.alwaysGeneral) return this.fitGeneral(d, trend);
    const status = this.fast.fit(d, trend);
    if (status === 'ok') return true;
    if (status === 'failed') {
      this.failure = this.fast.failureReason;
      return false;
    }
    return this.fitGeneral(d, trend);
  }

  private fitGeneral(d: GroupedTrendData, trend: boolean): boolean {
    const { n, groups } = d;
    const p = 1 + (trend ? 1 : 0) + (groups - 1);
    const x = new Float64Array(n * p);
    for (let i = 0; i < n; i++) {
      x[i * p] = 1;
      if (trend) x[i * p + 1] = d.t[i]!;
      const g = d.group[i]!;
      if (g > 0) x[i * p + (trend ? 1 : 0) + g] = 1;
    }
    const out = fitIrls({
      x,
      ncol: p,
      y: d.y.subarray(0, n),
      ...(d.priorWeights ? { priorWeights: d.priorWeights.subarray(0, n) } : {}),
      ...(d.offset ? { offset: d.offset.subarray(0, n) } : {}),
    });
    if (!out.ok) {
      this.failure = out.reason;
      return false;
    }
    this.general = out.fit;
    this.generalTrendColumn = trend ? 1 : -1;
    return true;
  }

  get converged(): boolean {
    return this.general ? this.general.converged : this.fast.converged;
  }

  get hasTrend(): boolean {
    return this.general ? this.generalTrendColumn >= 0 : this.fast.hasTrend;
  }

  /** Trend coefficient; `NaN` when R's QR aliased it. */
  get slope(): number {
    return this.general ? this.general.coefficients[this.generalTrendColumn]! : this.fast.slope;
  }

  /** `(X'WX)^-1` at the trend (R's `covmat.unscaled`); `NaN` when aliased. */
  slopeVariance(): number {
    return this.general ? unscaledVariance(this.general, this.generalTrendColumn) : this.fast.slopeVariance();
  }

  get residualDf(): number {
    return this.general ? this.general.residualDf : this.fast.residualDf;
  }

  /** Final linear predictor (offset included). */
  get eta(): Float64Array {
    return this.general ? this.general.eta : this.fast.eta;
  }

  /** Fitted means. */
  get mu(): Float64Array {
    return this.general ? this.general.mu : this.fast.mu;
  }

  /** Working weights of the last solve (R's `model$weights`). */
  get weights(): Float64Array {
    return this.general ? this.general.weights : this.fast.weights;
  }

  /** Working residuals (R's `model$residuals`). */
  residuals(out: Float64Array): void {
    if (this.general) out.set(this.general.residuals);
    else this.fast.residuals(out, this.data!);
  }

  hatValues(out: Float64Array): void {
    if (this.general) out.set(hatValues(this.general));
    else this.fast.hatValues(out, this.data!);
  }

  /** Linear predictor of the row of group `g` at time `t0`, plus `offset0` (R's `predict.glm`, link). */
  predictEta(g: number, t0: number, offset0: number): number {
    const fit = this.general;
    if (!fit) return this.fast.predictEta(g, t0, offset0);
    const row = this.designRow(g, t0);
    // predict.lm uses only the non-aliased columns (R warns "prediction from a rank-deficient fit").
    let s = 0;
    for (let j = 0; j < fit.rank; j++) {
      const c = fit.qr.pivot[j]!;
      s += row[c]! * fit.coefficients[c]!;
    }
    return s + offset0;
  }

  /** `x' (X'WX)^-1 x` for that row. */
  varianceFactor(g: number, t0: number): number {
    const fit = this.general;
    if (!fit) return this.fast.varianceFactor(g, t0);
    return predictionVarianceFactor(fit, this.designRow(g, t0));
  }

  private designRow(g: number, t0: number): Float64Array {
    const fit = this.general!;
    const trend = this.generalTrendColumn >= 0;
    const row = new Float64Array(fit.coefficients.length);
    row[0] = 1;
    if (trend) row[1] = t0;
    if (g > 0) row[(trend ? 1 : 0) + g] = 1;
    return row;
  }
}
