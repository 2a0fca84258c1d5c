import { checkRange } from './range.js';
import type { ChartSettings, RunChart } from './glr/chart.js';
import { glrnbControlSchema, glrpoisControlSchema, type GlrnbControl } from './glr/control.js';
import { fitInControl, type DispersionChoice, type InControlModel } from './glr/in-control.js';
import { negbinGlrChart, negbinLrChart } from './glr/negbin-chart.js';
import { poissonGlrChart, poissonLrChart } from './glr/poisson-chart.js';
import { runSegments, type Refit } from './glr/segments.js';
import { fail, ok, type CountSeries, type DetectionMethod, type DetectionOutcome } from './types.js';

/**
 * Count data regression charts: R `surveillance::algo.glrnb` and `algo.glrpois` (Höhle and Paul 2008,
 * "Count data regression charts for the monitoring of surveillance time series", CSDA 52(9); Salmon,
 * Schumacher and Höhle 2016, JSS 70(10)). A generalized likelihood ratio (GLR) detector for a
 * multiplicative change `e^kappa` of a seasonal in-control mean `mu0_t`, Poisson (`alpha = 0`) or negative
 * binomial with variance `mu + alpha mu^2`:
 * `GLR_n = max_k sup_kappa sum_{t=k..n} log f_kappa(y_t) / f_0(y_t)`, alarm at the first `n` with
 * `GLR_n >= c.ARL`, then a restart at `n + 1`. With `theta` given, the likelihood ratio CUSUM for that fixed
 * `kappa` instead. `upperbound` is the statistic (`ret = "value"`) or the count that would give an alarm
 * (`ret = "cases"`); extra columns `mu0` (the in-control means) and `alpha` (the dispersion used).
 *
 * In-control means (R's `estimateGLRNbHook`): fitted on `t = 1 .. range.from - 1` (missing counts left out)
 * unless `mu0` is given as numbers; `glm.nb` estimates `alpha` when it is not given (see `./glr/in-control`).
 *
 * Where R deviates from the paper or its help page (reproduced):
 * - The help says the in-control model is refitted after every alarm; it is only with `mu0$refit = TRUE`.
 * - The help's default `ret` is "cases"; the code uses "value".
 * - The Poisson GLR alarms at `>= c.ARL`, the fixed-`theta` CUSUMs at `> c.ARL`.
 * - `Mtilde`/`M` differ between the charts: the window-limited Poisson chart (`M > 0`) needs `Mtilde + 1`
 *   points and leaves its first `Mtilde` values at 0; without a window `Mtilde` only delays the start.
 * - The negative binomial change estimate is an undamped Newton-Raphson search (start 0.5, chained over
 *   change points, stopped below -18, at steps under 1e-6 or after 1000 steps), clipped with C's `fmax`
 *   (`NaN` → 0). The paper takes the exact maximum; R's search can diverge on a count far above a small
 *   mean (e.g. 4 cases on a mean of 0.3 with alpha = 0.1) and then reports no change for that window.
 * - With `dir = "dec"` a window whose counts are all 0 gives `kappa = -Inf` and a `NaN` ratio, which never
 *   becomes the maximum: runs of zero counts do not signal a decrease.
 * - `ret = "cases"` for the negative binomial GLR is R's search from the observed count, with its quirks: an
 *   observed 0, or a count above `xMax`, gives 1e99 without an alarm and 0 (R's `NA`) with one. R reruns
 *   the whole chart per trial count; we evaluate only the statistic at that point (the same answer), count
 *   by count as R does: the alarm is not monotone in the count there, so no bisection.
 * - `NA`, `NaN` and negative values of `upperbound` are reported as 0.
 *
 * Our choices where R stops or has nothing to say:
 * - When `glm.nb` fails (R stops, e.g. "no valid set of coefficients has been found" on extremely
 *   over-dispersed training data, or its alternation does not settle), the method is refused with the reason
 *   and what would work (a given `alpha`, or `algo.glrpois`) — never silently replaced by another model.
 * - `change = "epi"` is refused: the help defines it only by reference to a discussion paper, and R's negative
 *   binomial version mixes the intercept chart's Newton-Raphson steps into the epidemic likelihood.
 * - `theta` with `dir = "dec"` is refused (R ignores `dir` there with a warning); `theta` must be positive.
 * - Missing counts in the range are refused (R: "NAs in foreign function call"); counts must be whole numbers
 *   (R's C code would silently truncate them).
 * - R has no default range for these methods; ours is everything after the first year (`frequency + 1 ..
 *   n`), or the last `mu0.length` points when `mu0` is given as numbers.
 * - With `mu0$refit`, an alarm at the last monitored point ends the run (R stops trying to refit on nothing).
 */
function runGlr(series: CountSeries, control: GlrnbControl, name: string): DetectionOutcome {
  if (control.change === 'epi') {
    return fail(
      'change',
      `${name}: change = 'epi' is not supported (R's help defines the epidemic chart only by reference to SFB discussion paper 500, and its negative binomial version is inconsistent); use 'intercept'`,
    );
  }
  if (control.theta !== undefined && control.dir === 'dec') {
    return fail(
      'dir',
      `${name}: with a fixed theta only increases are implemented in R (it ignores dir = 'dec')`,
    );
  }
  const { observed, frequency } = series;
  const n = observed.length;
  const given = Array.isArray(control.mu0) ? Float64Array.from(control.mu0) : undefined;
  const model: InControlModel & { refit: boolean } =
    control.mu0 !== undefined && !Array.isArray(control.mu0)
      ? control.mu0
      : { S: 1, trend: false, refit: false };
  const range = control.range ?? (given ? [n - given.length + 1, n] : [frequency + 1, n]);
  const checked = checkRange(series, range, given ? 1 : 2);
  if (!checked.ok) return fail(checked.error.field, checked.error.reason);
  const { from, to } = checked;

  for (let t = given ? from : 1; t <= to; t++) {
    const y = observed[t - 1]!;
    if (Number.isNaN(y)) {
      if (t < from) continue; // left out of the in-control fit, as R's na.omit does
      return fail(
        'observed',
        `missing value at t = ${t}: ${name} needs complete data over the monitored range`,
      );
    }
    if (!(y >= 0 && Number.isInteger(y))) {
      return fail('observed', `count ${y} at t = ${t} is not a non-negative whole number`);
    }
  }

  let mu0: Float64Array;
  let alpha: number;
  if (given) {
    if (given.length !== to - from + 1) {
      return fail(
        'mu0',
        `mu0 has ${given.length} values but the range [${from}, ${to}] has ${to - from + 1} points`,
      );
    }
    if (control.alpha === undefined) {
      return fail(
        'alpha',
        'alpha must be given when mu0 is given as numbers (R estimates it only with the in-control fit)',
      );
    }
    mu0 = given;
    alpha = control.alpha;
  } else {
    const dispersion: DispersionChoice =
      control.alpha === undefined ? { estimate: true } : { estimate: false, alpha: control.alpha };
    const fit = fitInControl(observed, frequency, from - 1, from, to, model, dispersion);
    if (!fit.ok) return fail('mu0', `${name}: ${fit.reason}`);
    mu0 = fit.mu0;
    alpha = fit.alpha;
  }

  const settings: ChartSettings = {
    cARL: control['c.ARL'],
    dir: control.dir === 'inc' ? 1 : -1,
    ret: control.ret,
    Mtilde: control.Mtilde,
    M: control.M,
  };
  const chart: RunChart =
    control.theta !== undefined
      ? alpha === 0
        ? poissonLrChart(control.theta, settings.cARL, settings.ret)
        : negbinLrChart(control.theta, alpha, settings.cARL, settings.ret)
      : alpha === 0
        ? poissonGlrChart(settings)
        : negbinGlrChart(settings, alpha, control.xMax);

  // R refits with the dispersion of the first fit held fixed (its control$alpha).
  const refit: Refit | undefined =
    !given && model.refit
      ? (start) => {
          const t = from + start;
          const fit = fitInControl(observed, frequency, t - 1, t, to, model, { estimate: false, alpha });
          return fit.ok
            ? fit.mu0
            : `${name}: refit of the in-control model after the alarm at t = ${t - 1}: ${fit.reason}`;
        }
      : undefined;

  const x = observed.subarray(from - 1, to);
  const result = runSegments(x, mu0, chart, refit);
  if (!result.ok) return fail('mu0', result.reason);
  const length = to - from + 1;
  const t = Array.from({ length }, (_, i) => from + i);
  return ok({
    t,
    upperbound: Array.from(result.upperbound),
    alarm: Array.from(result.alarm),
    extra: { mu0: Array.from(result.mu0), alpha: new Array<number>(length).fill(alpha) },
  });
}

/** R's `algo.glrnb`: negative binomial GLR; `alpha` estimated by `glm.nb` unless given (0 = Poisson). */
export const glrnb: DetectionMethod<GlrnbControl> = {
  name: 'algo.glrnb',
  control: glrnbControlSchema,
  run: (series, control) => runGlr(series, control, 'algo.glrnb'),
};

/** R's `algo.glrpois`: `algo.glrnb` with `alpha = 0`, the Poisson GLR. */
export const glrpois: DetectionMethod<GlrnbControl> = {
  name: 'algo.glrpois',
  control: glrpoisControlSchema,
  run: (series, control) => runGlr(series, { ...control, alpha: 0 }, 'algo.glrpois'),
};
