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
 * Householder QR achieves numerically, so results agree with R's to rounding. For speed the covariate is
 * shifted by each group's plain mean (the group intercepts absorb the shift) and one pass per iteration
 * computes `eta`, `mu`, the deviance and the weighted sums of the next solve.
 *
 * A design R would find rank-deficient (a group without positive weight, a trend constant within
 * groups) is reported as `rank-deficient`; callers then use the general `fitIrls`.
 */

import { fastExp } from './exp.js';

const EPS = 2.220446049250313e-16;
const LOG_EPS = Math.log(EPS);

/** The rows of one fit. Arrays may be longer than `n` (reused buffers); only `[0, n)` is read. */
export interface GroupedTrendData {
  readonly n: number;
  readonly y: Float64Array;
  /** `y log y` (0 for y = 0), precomputed once per series for the deviance. */
  readonly yLogY: Float64Array;
  /** Starting linear predictor `log(y + 0.1)` and its mean `max(exp(.), eps)`, precomputed per series. */
  readonly etaStart: Float64Array;
  readonly muStart: Float64Array;
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
  private solveWeights: Float64Array;
  private nextWeights: Float64Array;
  /** Covariate minus its plain group mean, and those means. */
  private readonly tc: Float64Array;
  private readonly shift: Float64Array;
  private readonly count: Float64Array;
  /** Weighted sums for the next solve. */
  private readonly sw: Float64Array;
  private readonly swt: Float64Array;
  private readonly swtt: Float64Array;
  private readonly swz: Float64Array;
  private readonly swtz: Float64Array;
  /** Of the last solve: per-group weight sums and weighted means of the shifted covariate. */
  private readonly sumW: Float64Array;
  private readonly tBar: Float64Array;
  /** Per-group intercepts (shifted covariate) of the current and previous coefficients. */
  private readonly a: Float64Array;
  private readonly aOld: Float64Array;
  converged = false;
  iterations = 0;
  hasTrend = false;
  /** Trend coefficient `b` (0 without trend). */
  slope = 0;
  /** `sum W (t - tbar_g)^2` of the last solve. */
  stt = 0;
  residualDf = 0;
  rank = 0;
  private n = 0;
  private failure = '';

  constructor(capacity: number, maxGroups: number) {
    this.eta = new Float64Array(capacity);
    this.mu = new Float64Array(capacity);
    this.solveWeights = new Float64Array(capacity);
    this.nextWeights = new Float64Array(capacity);
    this.tc = new Float64Array(capacity);
    const g = () => new Float64Array(maxGroups);
    this.shift = g();
    this.count = g();
    this.sw = g();
    this.swt = g();
    this.swtt = g();
    this.swz = g();
    this.swtz = g();
    this.sumW = g();
    this.tBar = g();
    this.a = g();
    this.aOld = g();
  }

  get failureReason(): string {
    return this.failure;
  }

  /** Working weights of the last solve (0 for rows with prior weight 0); R's `model$weights`. */
  get weights(): Float64Array {
    return this.solveWeights;
  }

  /** Runs R's IRLS (at most `maxIterations`, deviance tolerance `epsilon`). */
  fit(d: GroupedTrendData, trend: boolean, maxIterations = 25, epsilon = 1e-8): GroupedTrendStatus {
    const { n, groups, priorWeights: pw } = d;
    const { a, aOld, sumW, tBar, sw, swt, swtt, swz, swtz } = this;
    this.n = n;
    this.hasTrend = trend;
    this.converged = false;
    this.slope = 0;
    this.stt = 0;
    if (trend) this.centre(d);
    let devOld = this.pass(d, 0, true);
    let haveOld = false;
    let bOld = 0;
    for (let iter = 1; iter <= maxIterations; iter++) {
      this.iterations = iter;
      // Solve the weighted least squares of this iteration from the sums of the last pass.
      let stt = 0;
      let stz = 0;
      for (let g = 0; g < groups; g++) {
        const w = sw[g]!;
        if (!(w > 0)) return 'rank-deficient';
        const tb = swt[g]! / w;
        const zb = swz[g]! / w;
        sumW[g] = w;
        tBar[g] = tb;
        a[g] = zb;
        stt += swtt[g]! - swt[g]! * tb;
        stz += swtz[g]! - swt[g]! * zb;
      }
      const used = this.nextWeights;
      this.nextWeights = this.solveWeights;
      this.solveWeights = used;
      let b = 0;
      if (trend) {
        if (!(stt > 0)) return 'rank-deficient';
        b = stz / stt;
        if (!Number.isFinite(b)) return 'rank-deficient'; // the general fit reproduces R's handling
        this.stt = stt;
        for (let g = 0; g < groups; g++) a[g] = a[g]! - b * tBar[g]!;
      }
      let dev = this.pass(d, b, false);
      if (!Number.isFinite(dev) || !this.validMu()) {
        // R halves the step back towards the previous coefficients until the fit is finite again.
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
          dev = this.pass(d, b, false);
        }
      }
      this.slope = b;
      if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < epsilon) {
        this.converged = true;
        break;
      }
      devOld = dev;
      for (let g = 0; g < groups; g++) aOld[g] = a[g]!;
      bOld = b;
      haveOld = true;
    }
    let zeroWeights = 0;
    if (pw !== null) for (let i = 0; i < n; i++) if (pw[i] === 0) zeroWeights += 1;
    this.rank = groups + (trend ? 1 : 0);
    this.residualDf = n - zeroWeights - this.rank;
    return 'ok';
  }

  /** Shifts the covariate by each group's plain mean, so that the one-pass sums do not cancel. */
  private centre(d: GroupedTrendData): void {
    const { n, group, groups, t } = d;
    const { tc, shift, count } = this;
    for (let g = 0; g < groups; g++) {
      shift[g] = 0;
      count[g] = 0;
    }
    for (let i = 0; i < n; i++) {
      const g = group[i]!;
      shift[g] = shift[g]! + t[i]!;
      count[g] = count[g]! + 1;
    }
    for (let g = 0; g < groups; g++) shift[g] = count[g]! > 0 ? shift[g]! / count[g]! : 0;
    for (let i = 0; i < n; i++) tc[i] = t[i]! - shift[group[i]!]!;
  }

  private clearSums(groups: number): void {
    const { sw, swt, swtt, swz, swtz } = this;
    for (let g = 0; g < groups; g++) {
      sw[g] = 0;
      swt[g] = 0;
      swtt[g] = 0;
      swz[g] = 0;
      swtz[g] = 0;
    }
  }

  /**
   * One pass with new coefficients: `eta = a_g + b tc (+ offset)`, `mu = max(exp(eta), eps)`, the Poisson
   * deviance `2 sum w [y log(y / mu) - (y - mu)]` (with `log mu = eta` above the floor), and for the next
   * solve the working weights `W = w mu` (R: prior weight x (d mu / d eta)^2 / V(mu), both `mu`), the working
   * responses `z = eta - offset + (y - mu) / mu` and their weighted sums per group. With `fromStart` the
   * pass takes R's starting values `eta = log(y + 0.1)` instead of coefficients.
   */
  private pass(d: GroupedTrendData, b: number, fromStart: boolean): number {
    const { n, y, yLogY, group, groups, priorWeights: pw, offset: off, etaStart, muStart } = d;
    const { eta, mu, tc, a, sw, swt, swtt, swz, swtz } = this;
    const W = this.nextWeights;
    const trend = this.hasTrend;
    const t = d.t;
    this.clearSums(groups);
    let dev = 0;
    // Within a run of one group, consecutive weeks differ in eta by exactly b: exp(eta) is the previous
    // value times exp(b) (a few ulps from a fresh exp, which costs more than the rest of the row).
    const step = trend ? fastExp(b) : 1;
    let prevRaw = 0;
    let prevGroup = -1;
    let prevT = 0;
    // Rows come in runs of one group: sum each run in locals, then add it to the group's sums.
    let run = n > 0 ? group[0]! : 0;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    for (let i = 0; i < n; i++) {
      const g = group[i]!;
      if (g !== run) {
        sw[run] = sw[run]! + s0;
        swt[run] = swt[run]! + s1;
        swtt[run] = swtt[run]! + s2;
        swz[run] = swz[run]! + s3;
        swtz[run] = swtz[run]! + s4;
        s0 = s1 = s2 = s3 = s4 = 0;
        run = g;
      }
      const ti = trend ? tc[i]! : 0;
      let lin: number;
      let e: number;
      let m: number;
      if (fromStart) {
        e = etaStart[i]!;
        m = muStart[i]!;
        lin = off === null ? e : e - off[i]!;
      } else {
        lin = a[g]! + b * ti;
        e = off === null ? lin : lin + off[i]!;
        const ts = t[i]!;
        const raw =
          off === null && g === prevGroup && (!trend || ts - prevT === 1) ? prevRaw * step : fastExp(e);
        prevRaw = raw;
        prevGroup = g;
        prevT = ts;
        m = raw < EPS ? EPS : raw;
      }
      const logMu = m === EPS ? LOG_EPS : e;
      eta[i] = e;
      mu[i] = m;
      const yi = y[i]!;
      const pwi = pw === null ? 1 : pw[i]!;
      dev += pwi * (yLogY[i]! - yi * logMu - yi + m);
      const w = pwi * m;
      const z = lin + (yi - m) / m;
      W[i] = w;
      const wt = w * ti;
      s0 += w;
      s3 += w * z;
      s1 += wt;
      s2 += wt * ti;
      s4 += wt * z;
    }
    if (n > 0) {
      sw[run] = sw[run]! + s0;
      swt[run] = swt[run]! + s1;
      swtt[run] = swtt[run]! + s2;
      swz[run] = swz[run]! + s3;
      swtz[run] = swtz[run]! + s4;
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
    const e = this.hasTrend ? this.a[g]! + this.slope * (t0 - this.shift[g]!) : this.a[g]!;
    return e + offset0;
  }

  /** `x' (X'WX)^-1 x` for the row of group `g` at time `t0`. */
  varianceFactor(g: number, t0: number): number {
    const base = 1 / this.sumW[g]!;
    if (!this.hasTrend) return base;
    const dt = t0 - this.shift[g]! - this.tBar[g]!;
    return base + (dt * dt) / this.stt;
  }

  /** Unscaled variance of the trend coefficient, `(X'WX)^-1` at the trend. */
  slopeVariance(): number {
    return 1 / this.stt;
  }

  /** Hat values of the last solve, those above `1 - 10 eps` set to 1 (R's `hatvalues`). */
  hatValues(out: Float64Array, d: GroupedTrendData): void {
    const { n, group } = d;
    const { tc, sumW, tBar } = this;
    const W = this.solveWeights;
    const limit = 1 - 10 * EPS;
    for (let i = 0; i < n; i++) {
      const g = group[i]!;
      let h = 1 / sumW[g]!;
      if (this.hasTrend) {
        const dt = tc[i]! - tBar[g]!;
        h += (dt * dt) / this.stt;
      }
      h *= W[i]!;
      out[i] = h >= limit ? 1 : h;
    }
  }

  /** Working residuals `(y - mu) / max(exp(eta), eps)` of the final fit. */
  residuals(out: Float64Array, d: GroupedTrendData): void {
    const { mu } = this;
    for (let i = 0; i < this.n; i++) out[i] = (d.y[i]! - mu[i]!) / mu[i]!;
  }
}
