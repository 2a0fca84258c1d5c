import { poissonFamily, type GlmFamily } from './family.js';
import {
  applyQt,
  backSolve,
  hatDiagonal,
  householderQr,
  inverseRQuadraticForm,
  type HouseholderQr,
} from './householder-qr.js';

export { negativeBinomialFamily, poissonFamily, type GlmFamily } from './family.js';

const EPS = 2.220446049250313e-16;

/** A log-link GLM to fit by iteratively reweighted least squares. */
export interface IrlsProblem {
  /** Design matrix, row-major: row `i` is `x[i * ncol .. i * ncol + ncol)`. */
  readonly x: Float64Array;
  readonly ncol: number;
  /** Responses (counts), one per row of `x`; no missing values. */
  readonly y: Float64Array;
  /** Prior weights (R's `weights`), default 1; rows with weight 0 are left out of the solves as in R. */
  readonly priorWeights?: Float64Array;
  /** Offset on the linear predictor (R's `offset`, e.g. `log(population)`), default 0. */
  readonly offset?: Float64Array;
  /** Starting linear predictor (R's `etastart`); default `log(y + 0.1)`, R's Poisson `mustart`. */
  readonly etaStart?: Float64Array;
  /** Default: Poisson. */
  readonly family?: GlmFamily;
  /** R's `glm.control(maxit)`, default 25. */
  readonly maxIterations?: number;
  /** R's `glm.control(epsilon)`, default 1e-8. */
  readonly epsilon?: number;
}

/** What `glm.fit` leaves in the fitted object, in the form the detection methods use. */
export interface IrlsFit {
  /** Coefficients in the original column order; `NaN` for aliased columns (R's `NA`). */
  readonly coefficients: Float64Array;
  /** Final linear predictor (offset included) and fitted means `max(exp(eta), eps)`. */
  readonly eta: Float64Array;
  readonly mu: Float64Array;
  readonly converged: boolean;
  readonly iterations: number;
  /**
   * Working weights of the last least-squares solve, `w g^2 / V(mu)` with the `mu` of the previous
   * iteration (R's `fit$weights`); 0 for rows left out (prior weight 0).
   */
  readonly weights: Float64Array;
  /** Working residuals `(y - mu) / max(exp(eta), eps)` from the final `mu` (R's `fit$residuals`). */
  readonly residuals: Float64Array;
  readonly deviance: number;
  /** `n - (number of zero prior weights) - rank` (R's `df.residual`). */
  readonly residualDf: number;
  readonly rank: number;
  /**
   * QR of `diag(sqrt(W)) X` over the rows used in the last solve (R's `fit$qr`): `R` gives
   * `x' (X'WX)^-1 x = || x' R^-1 ||^2`.
   */
  readonly qr: HouseholderQr;
  /** Indices of the rows in the last solve (all rows unless some prior weights are 0). */
  readonly usedRows: Int32Array;
}

export type IrlsOutcome =
  { readonly ok: true; readonly fit: IrlsFit } | { readonly ok: false; readonly reason: string };

/**
 * Fits a log-link GLM exactly as R's `glm.fit` does (surveillance's Farrington methods and `algo.glr*`
 * call it through `glm()`): start at `log(y + 0.1)` (or `etaStart`), solve each weighted least-squares
 * step by Householder QR with R's rank-revealing pivoting (tolerance `min(1e-7, epsilon / 1000)`), halve
 * the step when the deviance or `mu` is not finite, stop when `|D - D_old| / (|D| + 0.1) < epsilon` or
 * after `maxIterations`. Fails where R stops ("no valid set of coefficients has been found").
 */
export function fitIrls(problem: IrlsProblem): IrlsOutcome {
  const { x, ncol: p, y } = problem;
  const n = y.length;
  const family = problem.family ?? poissonFamily;
  const maxit = problem.maxIterations ?? 25;
  const epsilon = problem.epsilon ?? 1e-8;
  const tol = Math.min(1e-7, epsilon / 1000);
  const prior = problem.priorWeights;
  const offset = problem.offset;
  if (x.length !== n * p) return { ok: false, reason: `design has ${x.length} cells, expected ${n} x ${p}` };

  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  if (problem.etaStart) eta.set(problem.etaStart);
  else for (let i = 0; i < n; i++) eta[i] = Math.log(y[i]! + 0.1);
  for (let i = 0; i < n; i++) mu[i] = Math.max(Math.exp(eta[i]!), EPS);

  const deviance = (): number => {
    let d = 0;
    for (let i = 0; i < n; i++) d += family.devianceResidual(y[i]!, mu[i]!, prior ? prior[i]! : 1);
    return d;
  };
  const linearPredictor = (beta: Float64Array): void => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += x[i * p + j]! * beta[j]!;
      eta[i] = offset ? s + offset[i]! : s;
      mu[i] = Math.max(Math.exp(eta[i]!), EPS);
    }
  };
  const validMu = (): boolean => {
    for (let i = 0; i < n; i++) if (!family.validMu(mu[i]!)) return false;
    return true;
  };

  let devOld = deviance();
  let dev = devOld;
  const start = new Float64Array(p);
  let coefOld: Float64Array | null = null;
  let converged = false;
  let iterations = 0;
  const weights = new Float64Array(n);
  let qr: HouseholderQr | null = null;
  let used = new Int32Array(0);
  const z = new Float64Array(n);
  const b = new Float64Array(p);

  for (let iter = 1; iter <= maxit; iter++) {
    iterations = iter;
    // Rows with a zero prior weight or a zero derivative drop out of this solve (R's `good`).
    const rows: number[] = [];
    for (let i = 0; i < n; i++) {
      const g = Math.max(Math.exp(eta[i]!), EPS);
      if ((prior ? prior[i]! : 1) > 0 && g !== 0) rows.push(i);
    }
    const m = rows.length;
    if (m === 0) break;
    used = Int32Array.from(rows);
    const a = new Float64Array(m * p);
    weights.fill(0);
    for (let r = 0; r < m; r++) {
      const i = rows[r]!;
      const g = Math.max(Math.exp(eta[i]!), EPS);
      const off = offset ? offset[i]! : 0;
      const sw = Math.sqrt(((prior ? prior[i]! : 1) * g * g) / family.variance(mu[i]!));
      weights[i] = sw * sw;
      z[r] = (eta[i]! - off + (y[i]! - mu[i]!) / g) * sw;
      for (let j = 0; j < p; j++) a[j * m + r] = x[i * p + j]! * sw;
    }
    qr = householderQr(a, m, p, tol);
    const qty = z.slice(0, m);
    applyQt(qr, qty);
    backSolve(qr, qty, b);
    let finite = true;
    for (let j = 0; j < p; j++) if (!Number.isFinite(b[j]!)) finite = false;
    if (!finite) break; // R: "non-finite coefficients", not converged
    for (let j = 0; j < p; j++) start[qr.pivot[j]!] = b[j]!;
    linearPredictor(start);
    dev = deviance();
    if (!Number.isFinite(dev) || !validMu()) {
      // R halves the step back towards the previous coefficients until the fit is finite again.
      if (coefOld === null) return { ok: false, reason: 'no valid set of coefficients has been found' };
      let halvings = 1;
      while (!Number.isFinite(dev) || !validMu()) {
        if (halvings > maxit) return { ok: false, reason: 'cannot correct step size' };
        halvings += 1;
        for (let j = 0; j < p; j++) start[j] = (start[j]! + coefOld[j]!) / 2;
        linearPredictor(start);
        dev = deviance();
      }
    }
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devOld = dev;
    coefOld = start.slice();
  }
  if (qr === null) return { ok: false, reason: 'no observation with a positive weight' };

  const coefficients = start.slice();
  for (let j = qr.rank; j < p; j++) coefficients[qr.pivot[j]!] = NaN;
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) residuals[i] = (y[i]! - mu[i]!) / Math.max(Math.exp(eta[i]!), EPS);
  let zeroWeights = 0;
  if (prior) for (let i = 0; i < n; i++) if (prior[i] === 0) zeroWeights += 1;
  return {
    ok: true,
    fit: {
      coefficients,
      eta,
      mu,
      converged,
      iterations,
      weights,
      residuals,
      deviance: dev,
      residualDf: n - zeroWeights - qr.rank,
      rank: qr.rank,
      qr,
      usedRows: used,
    },
  };
}

/**
 * `x' (X'WX)^-1 x` for a new row `x` (original column order): R's `predict.lm` variance factor, computed
 * as `|| x' R^-1 ||^2` over the non-aliased columns for agreement in ill-conditioned fits.
 */
export function predictionVarianceFactor(fit: IrlsFit, row: ArrayLike<number>): number {
  const v = new Float64Array(fit.rank);
  for (let j = 0; j < fit.rank; j++) v[j] = row[fit.qr.pivot[j]!]!;
  return inverseRQuadraticForm(fit.qr, v);
}

/**
 * Hat values `h_i` of the last solve (R's `hatvalues()` on the fit), near-1 values set to 1; rows left
 * out of the solve get 0.
 */
export function hatValues(fit: IrlsFit): Float64Array {
  const h = hatDiagonal(fit.qr);
  const out = new Float64Array(fit.mu.length);
  for (let r = 0; r < fit.usedRows.length; r++) out[fit.usedRows[r]!] = h[r]!;
  return out;
}

/**
 * R's `summary.glm()$dispersion` for quasi families: `sum(W r^2) / df` over rows with `W > 0`, with the
 * working weights `W` and residuals `r` given (usually the fit's own; surveillance sometimes substitutes
 * others). `NaN` when `df` is 0.
 */
export function pearsonDispersion(
  weights: ArrayLike<number>,
  residuals: ArrayLike<number>,
  df: number,
): number {
  if (!(df > 0)) return NaN;
  let s = 0;
  for (let i = 0; i < residuals.length; i++) {
    const w = weights[i]!;
    if (w > 0) s += w * residuals[i]! * residuals[i]!;
  }
  return s / df;
}

/** `(X'WX)^-1` entry `(j, j)` (original column order), R's `covmat.unscaled` diagonal; `NaN` if aliased. */
export function unscaledVariance(fit: IrlsFit, column: number): number {
  const e = new Float64Array(fit.coefficients.length);
  e[column] = 1;
  let aliased = true;
  for (let j = 0; j < fit.rank; j++) if (fit.qr.pivot[j] === column) aliased = false;
  return aliased ? NaN : predictionVarianceFactor(fit, e);
}
