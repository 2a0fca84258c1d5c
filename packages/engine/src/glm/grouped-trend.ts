/**
 * IRLS for the one log-linear Poisson model the Farrington methods fit, exploiting its structure:
 * `log mu_i = offset_i + a_{g(i)} + b t_i` — one intercept per group (R's intercept plus treatment
 * dummies span the same space) and an optional common trend `b`. Each weighted least-squares step of
 * R's `glm.fit` (section 4 of the reference README) then has a closed form: per group the weighted means
 * `tbar_g`, `zbar_g`, and `b = sum W (t - tbar_g)(z - zbar_g) / sum W (t - tbar_g)^2`. It is the same
 * iteration as `fitIrls` (same start `log(y + 0.1)`, same working weights, deviance rule, step halving),
 * in O(n) per step instead of a QR, and the quantities the methods need are exact formulas:
 * `x' (X'WX)^-1 x = 1 / S_g + (t - tbar_g)^2 / Stt` for group `g` at time `t`, hat values
 * `h_i = W_i (1 / S_g + (t_i - tbar_g)^2 / Stt)`, `Var(b) = 1 / Stt`. The within-group centring is what a
 * Householder QR achieves numerically, so results agree with R's to rounding.
 *
 * A design R would find rank-deficient (a group without positive weight, a trend constant within
 * groups) is reported as `rank-deficient`; callers then use the general `fitIrls`.
 */

const EPS = 2.220446049250313e-16;
const LOG_EPS = Math.log(EPS);

/** The rows of one fit. Arrays may be longer than `n` (reused buffers); only `[0, n)` is read. */
export interface GroupedTrendData {
  readonly n: number;
  readonly y: Float64Array;
  /** `y log y` (0 for y = 0), precomputed once per series for the deviance. */
  readonly yLogY: Float64Array;
  /** Starting linear predictor `log(y + 0.1)`, precomputed once per series. */
  readonly etaStart: Float64Array;
  /** Trend covariate (read only when fitting with a trend). */
  readonly t: Float64Array;
  /** Group of each row, `0 .. groups - 1`. */
  readonly group: Int32Array;
  readonly groups: number;
  readonly offset: Float64Array | null;
  readonly priorWeights: Float64Array | null;
}

export type GroupedTrendStatus = 'ok' | 'rank-deficient' | 'failed';

/** Reusable workspace and, after `fit`, the state of the last fit (R's glm object, in structured form). */
export class GroupedTrendIrls {
  readonly eta: Float64Array;
  readonly mu: Float64Array;
  /** Working weights of the last solve (0 for rows with prior weight 0). */
  readonly weights: Float64Array;
  private readonly z: Float64Array;
  private readonly sumW: Float64Array;
  private readonly sumWt: Float64Array;
  private readonly sumWz: Float64Array;
  /** Per-group intercepts `a_g` of the current and previous coefficient vectors. */
  private readonly a: Float64Array;
  private readonly aOld: Float64Array;
  /** Weighted group means of `t` of the last solve. */
  readonly tBar: Float64Array;
  converged = false;
  iterations = 0;
  hasTrend = false;
  /** Trend coefficient `b` (0 without trend). */
  slope = 0;
  /** `sum W (t - tbar_g)^2` of the last solve. */
  stt = 0;
  residualDf = 0;
  rank = 0;
  private groups = 0;
  private n = 0;
  private failure = '';

  constructor(capacity: number, maxGroups: number) {
    this.eta = new Float64Array(capacity);
    this.mu = new Float64Array(capacity);
    this.weights = new Float64Array(capacity);
    this.z = new Float64Array(capacity);
    this.sumW = new Float64Array(maxGroups);
    this.sumWt = new Float64Array(maxGroups);
    this.sumWz = new Float64Array(maxGroups);
    this.a = new Float64Array(maxGroups);
    this.aOld = new Float64Array(maxGroups);
    this.tBar = new Float64Array(maxGroups);
  }

  get failureReason(): string {
    return this.failure;
  }

  /** Runs R's IRLS (at most `maxIterations`, deviance tolerance `epsilon`). */
  fit(d: GroupedTrendData, trend: boolean, maxIterations = 25, epsilon = 1e-8): GroupedTrendStatus {
    const { n, y, group, groups, offset: off, priorWeights: pw } = d;
    const { eta, mu, weights: W, z, sumW, sumWt, sumWz, a, aOld, tBar } = this;
    const t = d.t;
    this.n = n;
    this.groups = groups;
    this.hasTrend = trend;
    this.converged = false;
    this.slope = 0;
    for (let i = 0; i < n; i++) {
      eta[i] = d.etaStart[i]!;
      mu[i] = Math.max(Math.exp(eta[i]!), EPS);
    }
    let devOld = this.deviance(d);
    let haveOld = false;
    let bOld = 0;
    for (let iter = 1; iter <= maxIterations; iter++) {
      this.iterations = iter;
      sumW.fill(0, 0, groups);
      sumWt.fill(0, 0, groups);
      sumWz.fill(0, 0, groups);
      for (let i = 0; i < n; i++) {
        const m = mu[i]!; // = max(exp(eta), eps), also d mu / d eta
        const w = ((pw === null ? 1 : pw[i]!) * m * m) / m; // R: prior weight x (d mu/d eta)^2 / V(mu)
        const zi = eta[i]! - (off === null ? 0 : off[i]!) + (y[i]! - m) / m;
        W[i] = w;
        z[i] = zi;
        const g = group[i]!;
        sumW[g] = sumW[g]! + w;
        sumWz[g] = sumWz[g]! + w * zi;
        if (trend) sumWt[g] = sumWt[g]! + w * t[i]!;
      }
      for (let g = 0; g < groups; g++) {
        if (!(sumW[g]! > 0)) return 'rank-deficient';
        tBar[g] = trend ? sumWt[g]! / sumW[g]! : 0;
        a[g] = sumWz[g]! / sumW[g]!; // zbar_g for now
      }
      let b = 0;
      if (trend) {
        let stt = 0;
        let stz = 0;
        for (let i = 0; i < n; i++) {
          const g = group[i]!;
          const dt = t[i]! - tBar[g]!;
          const wdt = W[i]! * dt;
          stt += wdt * dt;
          stz += wdt * (z[i]! - a[g]!);
        }
        if (!(stt > 0)) return 'rank-deficient';
        this.stt = stt;
        b = stz / stt;
        if (!Number.isFinite(b)) return 'rank-deficient'; // let the general fit reproduce R's handling
      }
      for (let g = 0; g < groups; g++) a[g] = a[g]! - b * tBar[g]!;
      this.setEta(d, b);
      let dev = this.deviance(d);
      if (!Number.isFinite(dev) || !this.validMu()) {
        if (!haveOld) {
          this.failure = 'no valid set of coefficients has been found';
          return 'failed';
        }
        let halvings = 1;
        while (!Number.isFinite(dev) || !this.validMu()) {
          if (halvings > maxIterations) {
            this.failure = 'cannot correct step size';
            return 'failed';
          }
          halvings += 1;
          for (let g = 0; g < groups; g++) a[g] = (a[g]! + aOld[g]!) / 2;
          b = (b + bOld) / 2;
          this.setEta(d, b);
          dev = this.deviance(d);
        }
      }
      this.slope = b;
      if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < epsilon) {
        this.converged = true;
        break;
      }
      devOld = dev;
      aOld.set(a.subarray(0, groups));
      bOld = b;
      haveOld = true;
    }
    let zeroWeights = 0;
    if (pw !== null) for (let i = 0; i < n; i++) if (pw[i] === 0) zeroWeights += 1;
    this.rank = groups + (trend ? 1 : 0);
    this.residualDf = n - zeroWeights - this.rank;
    return 'ok';
  }

  private setEta(d: GroupedTrendData, b: number): void {
    const { n, group, offset: off } = d;
    const { eta, mu, a } = this;
    const t = d.t;
    const trend = this.hasTrend;
    for (let i = 0; i < n; i++) {
      const g = group[i]!;
      let e = trend ? a[g]! + b * t[i]! : a[g]!;
      if (off !== null) e += off[i]!;
      eta[i] = e;
      mu[i] = Math.max(Math.exp(e), EPS);
    }
  }

  /** Poisson deviance `2 sum w [y log(y / mu) - (y - mu)]`, with `log mu = eta` above the floor. */
  private deviance(d: GroupedTrendData): number {
    const { n, y, yLogY, priorWeights: pw } = d;
    const { eta, mu } = this;
    let dev = 0;
    for (let i = 0; i < n; i++) {
      const yi = y[i]!;
      const m = mu[i]!;
      const logMu = m === EPS ? LOG_EPS : eta[i]!;
      const term = yLogY[i]! - yi * logMu - (yi - m);
      dev += pw === null ? term : pw[i]! * term;
    }
    return 2 * dev;
  }

  private validMu(): boolean {
    const { n, mu } = this;
    for (let i = 0; i < n; i++) {
      const m = mu[i]!;
      if (!(m > 0) || m === Infinity) return false;
    }
    return true;
  }

  /** Linear predictor for group `g` at time `t0` (offset `offset0` added). */
  predictEta(g: number, t0: number, offset0: number): number {
    const e = this.hasTrend ? this.a[g]! + this.slope * t0 : this.a[g]!;
    return e + offset0;
  }

  /** `x' (X'WX)^-1 x` for the row of group `g` at time `t0`. */
  varianceFactor(g: number, t0: number): number {
    const base = 1 / this.sumW[g]!;
    if (!this.hasTrend) return base;
    const dt = t0 - this.tBar[g]!;
    return base + (dt * dt) / this.stt;
  }

  /** Unscaled variance of the trend coefficient, `(X'WX)^-1` at the trend. */
  slopeVariance(): number {
    return 1 / this.stt;
  }

  /** Hat values of the last solve, those above `1 - 10 eps` set to 1 (R's `hatvalues`). */
  hatValues(out: Float64Array, d: GroupedTrendData): void {
    const { n, group } = d;
    const t = d.t;
    const limit = 1 - 10 * EPS;
    for (let i = 0; i < n; i++) {
      const g = group[i]!;
      let h = 1 / this.sumW[g]!;
      if (this.hasTrend) {
        const dt = t[i]! - this.tBar[g]!;
        h += (dt * dt) / this.stt;
      }
      h *= this.weights[i]!;
      out[i] = h >= limit ? 1 : h;
    }
  }

  /** Working residuals `(y - mu) / max(exp(eta), eps)` of the final fit. */
  residuals(out: Float64Array, d: GroupedTrendData): void {
    for (let i = 0; i < this.n; i++) out[i] = (d.y[i]! - this.mu[i]!) / this.mu[i]!;
  }

  get groupCount(): number {
    return this.groups;
  }
}
