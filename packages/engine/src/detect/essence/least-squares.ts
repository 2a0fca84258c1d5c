/**
 * Ordinary least squares for the small designs of the ESSENCE regression (at most B rows, at most 8 columns),
 * by Householder QR as R's `lm.fit`, into buffers reused across time points. A column whose remaining norm
 * falls below 1e-7 of its own norm (R's `lm.fit` tolerance) makes the design rank-deficient; the fit then
 * reports failure instead of pivoting the column out, and the caller reports `NA`.
 */
export class LeastSquares {
  /** Row-major design, `rows x cols`; the caller fills the first `n` rows. */
  readonly x: Float64Array;
  /** Response, first `n` entries. */
  readonly y: Float64Array;
  readonly coef: Float64Array;
  readonly fitted: Float64Array;
  private readonly qr: Float64Array;
  private readonly qty: Float64Array;
  private readonly v: Float64Array;

  constructor(
    rows: number,
    readonly cols: number,
  ) {
    this.x = new Float64Array(rows * cols);
    this.y = new Float64Array(rows);
    this.coef = new Float64Array(cols);
    this.fitted = new Float64Array(rows);
    this.qr = new Float64Array(rows * cols);
    this.qty = new Float64Array(rows);
    this.v = new Float64Array(rows);
  }

  /**
   * Fits the first `n` rows; returns the residual sum of squares, or `NaN` when the design is rank-deficient
   * or has no residual degrees of freedom. Leaves `coef`, `fitted` and the R factor for {@link leverage}.
   */
  fit(n: number): number {
    const p = this.cols;
    if (n <= p) return NaN;
    const a = this.qr;
    a.set(this.x.subarray(0, n * p));
    this.qty.set(this.y.subarray(0, n));
    for (let k = 0; k < p; k++) {
      let original = 0;
      let norm = 0;
      for (let i = 0; i < n; i++) original += (this.x[i * p + k] ?? 0) ** 2;
      for (let i = k; i < n; i++) norm += (a[i * p + k] ?? 0) ** 2;
      original = Math.sqrt(original);
      norm = Math.sqrt(norm);
      if (!(norm > 1e-7 * original)) return NaN;
      const akk = a[k * p + k] ?? 0;
      const alpha = akk > 0 ? -norm : norm;
      // Householder vector v = a[k:, k] - alpha e_1, applied as I - 2 v v' / (v' v).
      let vv = 0;
      for (let i = k; i < n; i++) {
        const vi = (a[i * p + k] ?? 0) - (i === k ? alpha : 0);
        this.v[i] = vi;
        vv += vi * vi;
      }
      for (let j = k; j < p; j++) this.reflect(a, j, k, n, vv);
      this.reflectVector(k, n, vv);
    }
    // Back-substitution R coef = (Q'y)[0:p].
    for (let k = p - 1; k >= 0; k--) {
      let s = this.qty[k] ?? 0;
      for (let j = k + 1; j < p; j++) s -= (a[k * p + j] ?? 0) * (this.coef[j] ?? 0);
      this.coef[k] = s / (a[k * p + k] ?? NaN);
    }
    let rss = 0;
    for (let i = 0; i < n; i++) {
      let f = 0;
      for (let j = 0; j < p; j++) f += (this.x[i * p + j] ?? 0) * (this.coef[j] ?? 0);
      this.fitted[i] = f;
      rss += ((this.y[i] ?? 0) - f) ** 2;
    }
    return rss;
  }

  /** x0' (X'X)^-1 x0 for the last successful fit, as || R^-T x0 ||^2 (forward substitution). */
  leverage(x0: Float64Array): number {
    const p = this.cols;
    const a = this.qr;
    const w = this.v;
    let sum = 0;
    for (let k = 0; k < p; k++) {
      let s = x0[k] ?? 0;
      for (let j = 0; j < k; j++) s -= (a[j * p + k] ?? 0) * (w[j] ?? 0);
      const wk = s / (a[k * p + k] ?? NaN);
      w[k] = wk;
      sum += wk * wk;
    }
    return sum;
  }

  private reflect(a: Float64Array, j: number, k: number, n: number, vv: number): void {
    const p = this.cols;
    let dot = 0;
    for (let i = k; i < n; i++) dot += (this.v[i] ?? 0) * (a[i * p + j] ?? 0);
    const f = (2 * dot) / vv;
    for (let i = k; i < n; i++) a[i * p + j] = (a[i * p + j] ?? 0) - f * (this.v[i] ?? 0);
  }

  private reflectVector(k: number, n: number, vv: number): void {
    let dot = 0;
    for (let i = k; i < n; i++) dot += (this.v[i] ?? 0) * (this.qty[i] ?? 0);
    const f = (2 * dot) / vv;
    for (let i = k; i < n; i++) this.qty[i] = (this.qty[i] ?? 0) - f * (this.v[i] ?? 0);
  }
}
