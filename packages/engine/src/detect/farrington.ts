import { z } from 'zod';
import { qnorm } from '../stats/normal.js';
import { controlSchema } from './control.js';
import { Baseline, SeriesCache } from './farrington/baseline.js';
import { buildClassicBaseline } from './farrington/classic-baseline.js';
import { farringtonFields } from './farrington/control-fields.js';
import { FarringtonGlm } from './farrington/glm.js';
import { limit54Enough } from './farrington/limit54.js';
import { fitFarringtonModel, ModelWorkspace, type ModelRules } from './farrington/model.js';
import { deltaBounds, pnormMeanSd } from './farrington/threshold.js';
import {
  fail,
  ok,
  type Cell,
  type CountSeries,
  type DetectionMethod,
  type DetectionOutcome,
} from './types.js';

const EPS = 2.220446049250313e-16;

/**
 * R's controls of `algo.farrington` with R's defaults. `fitFun` is accepted and ignored: the engine always
 * behaves as R's default `algo.farrington.fitGLM.fast`; `verbose` and `plot` change no number.
 */
export const algoFarringtonControl = controlSchema({
  ...farringtonFields,
  plot: z.boolean().optional(),
});

export type AlgoFarringtonControl = z.infer<typeof algoFarringtonControl>;

/**
 * The original Farrington method, R `surveillance::algo.farrington` (Farrington, Andrews, Beale, Catchpole
 * 1996, JRSS A 159:547-563): for each monitored week a quasi-Poisson log-linear GLM with linear trend on
 * the `b` windows of `2w + 1` weeks around the same week of past years, trend kept only if significant
 * at 5 %, with `b >= 3` and no extrapolation beyond the largest baseline count; past outbreaks
 * downweighted by Anscombe residuals (threshold 1); upper bound from the 2/3-power normal approximation.
 *
 * Where R differs from the paper (reproduced, README 7.3): `alpha` is two-sided (`z = Phi^-1(1 - alpha/2)`);
 * the trend t-test uses the Pearson dispersion of the reweighted fit (unclipped), the prediction the
 * clipped `phi`; the fit stops at R's deviance tolerance with the working weights of the last solve; the
 * limit54 rule counts the current week and a failing rule gives bound 0 and score 0 (no alarm); there is
 * no `y != 0` condition on alarms; an unconverged fit is used as it is. Missing counts in a baseline stop
 * R, so they are an error here.
 */
export const algoFarrington: DetectionMethod<AlgoFarringtonControl> = {
  name: 'algo.farrington',
  control: algoFarringtonControl,
  run: runAlgoFarrington,
};

function runAlgoFarrington(series: CountSeries, control: AlgoFarringtonControl): DetectionOutcome {
  const n = series.observed.length;
  const { b, w, alpha, limit54 } = control;
  const [from, to] = control.range ?? [series.frequency * b - w, n];
  if (from < 1 || to > n || from > to) {
    return fail('range', `range values are out of bounds (has to be within 1..${n} for the present data)`);
  }
  if (series.dates && series.frequency !== 52 && series.frequency !== 365) {
    return fail(
      'dates',
      `date-based reference weeks need weekly (52) or daily (365) data, not frequency ${series.frequency}`,
    );
  }
  const cache = new SeriesCache(series);
  const dateIndex = series.dates ? new Map(Array.from(series.dates, (d, i) => [d, i + 1])) : null;
  const capacity = b * (2 * w + 1);
  const baseline = new Baseline(capacity);
  const glm = new FarringtonGlm(capacity, 1);
  const ws = new ModelWorkspace(capacity);
  const rules: ModelRules = {
    reweight: control.reweight,
    weightsThreshold: 1,
    giveUpWhenNotConverged: false,
    omegaAsModelWeights: false,
    pThresholdTrend: 0.05,
    b,
  };
  const z = qnorm(1 - alpha / 2);
  const t: number[] = [];
  const upperbound: Cell[] = [];
  const alarm: Cell[] = [];
  const trend: Cell[] = [];
  const predProb: Cell[] = [];
  const expected: Cell[] = [];

  for (let k = from; k <= to; k++) {
    const err = buildClassicBaseline(series, cache, dateIndex, k, b, w, baseline);
    if (err) return fail(err.startsWith('missing') ? 'observed' : 'range', err);
    const outcome = fitFarringtonModel(glm, baseline, control.trend, rules, ws);
    if (outcome.kind !== 'ok')
      return fail('observed', `t = ${k}: ${outcome.kind === 'error' ? outcome.reason : 'no convergence'}`);
    const { phi, doTrend } = outcome.model;
    const y = series.observed[k - 1]!;
    const enough = limit54Enough(series.observed, k, limit54[0], limit54[1]);
    if (enough === undefined)
      return fail(
        'limit54',
        `t = ${k}: the limit54 window of ${limit54[1]} weeks reaches before the start of the series`,
      );
    // predict.glm(dispersion = phi, type = "response", se.fit = TRUE)
    const eta0 = glm.predictEta(0, k, 0);
    const mu0 = Math.max(Math.exp(eta0), EPS);
    const scale = Math.sqrt(phi);
    const se = Math.sqrt(glm.varianceFactor(0, k) * (scale * scale)) * mu0;
    const { upper, sigma, exponent: e } = deltaBounds(mu0, se, phi, control.powertrans, z);
    t.push(k);
    if (enough === null) {
      upperbound.push(null);
      alarm.push(null);
    } else {
      const x = enough ? (y - mu0) / (upper - mu0) : 0;
      upperbound.push(enough ? upper : 0);
      alarm.push(Number.isNaN(x) ? null : x > 1 ? 1 : 0);
    }
    trend.push(doTrend ? 1 : 0);
    predProb.push(Number.isNaN(y) ? null : pnormMeanSd(Math.pow(y, e), Math.pow(mu0, e), sigma, true));
    const centre = Math.pow(mu0, e);
    expected.push(Math.pow(sigma === 0 ? centre : centre + sigma * 0, 1 / e));
  }
  return ok({ t, upperbound, alarm, extra: { trend, predProb, expected } });
}
