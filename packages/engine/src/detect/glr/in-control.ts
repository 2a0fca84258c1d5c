import { fitGlmNb } from '../../glm/negative-binomial.js';
import { fitIrls, negativeBinomialFamily, type IrlsFit } from '../../glm/irls.js';

/**
 * The in-control mean `mu0_t` of the GLR charts: R's `estimateGLRNbHook` (surveillance, `algo_glrnb.R`).
 * A log-linear model of the counts before the monitored range,
 * `log mu_t = beta_0 [+ beta_t t] + sum_{s=1..S} (gamma_s cos(2 s pi t / f) + delta_s sin(2 s pi t / f))`
 * with `t` the 1-based index and `f` the frequency, fitted as a Poisson GLM (`alpha = 0`), a negative
 * binomial GLM with fixed `theta = 1 / alpha` (`alpha > 0`), or MASS `glm.nb` (`alpha` not given), and
 * predicted as `max(exp(x_t' beta), eps)` over the monitored points.
 */

const EPS = 2.220446049250313e-16;

/** R's `mu0` list: the seasonal model's number of harmonics and whether it has a linear trend. */
export interface InControlModel {
  readonly S: number;
  readonly trend: boolean;
}

/** How the dispersion is handled: given (`0` = Poisson) or estimated by `glm.nb`. */
export type DispersionChoice =
  { readonly estimate: true } | { readonly estimate: false; readonly alpha: number };

export type InControlFit =
  | {
      readonly ok: true;
      /** `mu0_t` at each requested time point. */
      readonly mu0: Float64Array;
      /** The dispersion the charts use: as given, `1 / theta` of `glm.nb`, or 0 after a failed `glm.nb`. */
      readonly alpha: number;
      /** `glm.nb` failed and the Poisson fit (the first step of `glm.nb`) stands in for it. */
      readonly coefficients: Float64Array;
    }
  | { readonly ok: false; readonly reason: string };

/** Number of columns of the model: intercept, optional trend, a cosine and a sine per harmonic. */
export function modelColumns(model: InControlModel): number {
  return 1 + (model.trend ? 1 : 0) + 2 * model.S;
}

/**
 * Writes the model row of time point `t` (1-based) in R's formula order (`1 [+ t] + cos(2*s*pi/p*t) +
 * sin(2*s*pi/p*t)` for `s = 1..S`), with R's order of operations in the arguments.
 */
function writeRow(
  out: Float64Array,
  offset: number,
  t: number,
  frequency: number,
  model: InControlModel,
): void {
  let j = offset;
  out[j++] = 1;
  if (model.trend) out[j++] = t;
  for (let s = 1; s <= model.S; s++) {
    const angle = ((2 * s * Math.PI) / frequency) * t;
    out[j++] = Math.cos(angle);
    out[j++] = Math.sin(angle);
  }
}

/** `max(exp(x' beta), eps)`; aliased coefficients (`NaN`, R's `NA`) count as 0 as in R's `predict`. */
function predict(beta: Float64Array, t: number, frequency: number, model: InControlModel): number {
  const row = new Float64Array(beta.length);
  writeRow(row, 0, t, frequency, model);
  let eta = 0;
  for (let j = 0; j < beta.length; j++) if (!Number.isNaN(beta[j]!)) eta += row[j]! * beta[j]!;
  return Math.max(Math.exp(eta), EPS);
}

/**
 * Fits the in-control model on `observed[0 .. trainEnd)` (time points `1..trainEnd`; missing counts are
 * left out, as R's default `na.omit` does) and predicts `mu0` at the time points `predictFrom ..
 * predictTo` (1-based, inclusive).
 */
export function fitInControl(
  observed: Float64Array,
  frequency: number,
  trainEnd: number,
  predictFrom: number,
  predictTo: number,
  model: InControlModel,
  dispersion: DispersionChoice,
): InControlFit {
  const ncol = modelColumns(model);
  const rows: number[] = [];
  for (let t = 1; t <= trainEnd; t++) if (!Number.isNaN(observed[t - 1]!)) rows.push(t);
  if (rows.length < ncol) {
    return {
      ok: false,
      reason: `the in-control model has ${ncol} coefficients but only ${rows.length} counts before t = ${trainEnd + 1} to fit them`,
    };
  }
  const x = new Float64Array(rows.length * ncol);
  const y = new Float64Array(rows.length);
  rows.forEach((t, i) => {
    writeRow(x, i * ncol, t, frequency, model);
    y[i] = observed[t - 1]!;
  });

  let fit: IrlsFit;
  let alpha: number;
  if (dispersion.estimate) {
    const nb = fitGlmNb({ x, ncol, y });
    if (nb.ok) {
      fit = nb.value.fit;
      alpha = 1 / nb.value.theta;
    } else {
      // R stops here ("no valid set of coefficients has been found") or keeps an estimate that has not
      // settled; either way no chart R would draw can be reproduced. Refuse, and say what would work, rather
      // than silently switch to another model: the user must know the method could not be applied.
      return {
        ok: false,
        reason:
          `the negative binomial in-control fit (MASS glm.nb) failed: ${nb.reason}; ` +
          'give the dispersion as control alpha, or use algo.glrpois',
      };
    }
  } else if (dispersion.alpha === 0) {
    const poisson = fitIrls({ x, ncol, y });
    if (!poisson.ok) return { ok: false, reason: `the Poisson in-control fit failed: ${poisson.reason}` };
    fit = poisson.fit;
    alpha = 0;
  } else {
    // glm(family = negative.binomial(theta = 1 / alpha)) starts at mu = y + (y == 0) / 6.
    const etaStart = y.map((v) => Math.log(v + (v === 0 ? 1 : 0) / 6));
    const nb = fitIrls({ x, ncol, y, etaStart, family: negativeBinomialFamily(1 / dispersion.alpha) });
    if (!nb.ok) {
      return {
        ok: false,
        reason: `the negative binomial in-control fit with alpha = ${dispersion.alpha} failed: ${nb.reason}`,
      };
    }
    fit = nb.fit;
    alpha = dispersion.alpha;
  }

  const beta = fit.coefficients;
  const mu0 = new Float64Array(predictTo - predictFrom + 1);
  for (let t = predictFrom; t <= predictTo; t++) mu0[t - predictFrom] = predict(beta, t, frequency, model);
  for (const m of mu0) {
    if (!Number.isFinite(m)) {
      return { ok: false, reason: 'the fitted in-control mean overflows over the monitored range' };
    }
  }
  return { ok: true, mu0, alpha, coefficients: beta };
}
