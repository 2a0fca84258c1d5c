import { z } from 'zod';
import { qnorm } from '../stats/normal.js';
import { controlSchema } from './control.js';
import { Baseline, SeriesCache } from './farrington/baseline.js';
import { farringtonFields } from './farrington/control-fields.js';
import { FlexibleBaselineBuilder } from './farrington/flexible-baseline.js';
import { FarringtonGlm } from './farrington/glm.js';
import { limit54Enough } from './farrington/limit54.js';
import { fitFarringtonModel, ModelWorkspace, type ModelRules } from './farrington/model.js';
import { deltaBounds, noufailyThreshold, pnormMeanSd } from './farrington/threshold.js';
import {
  fail,
  ok,
  type Cell,
  type CountSeries,
  type DetectionMethod,
  type DetectionOutcome,
} from './types.js';

const EPS = 2.220446049250313e-16;

/** R's controls of `farringtonFlexible` with R's defaults (surveillance >= 1.20 help page). */
export const farringtonFlexibleControl = controlSchema({
  ...farringtonFields,
  weightsThreshold: z.number().default(2.58),
  pThresholdTrend: z.number().default(0.05),
  populationOffset: z.boolean().default(false),
  noPeriods: z.number().int().min(1, 'noPeriods must be a whole number >= 1').default(1),
  /** R's default `NULL` means `w`. */
  pastWeeksNotIncluded: z.number().int().min(0, 'pastWeeksNotIncluded must be >= 0').nullable().default(null),
  thresholdMethod: z.enum(['delta', 'nbPlugin', 'muan']).default('delta'),
});

export type FarringtonFlexibleControl = z.infer<typeof farringtonFlexibleControl>;

interface Columns {
  upperbound: Cell[];
  alarm: Cell[];
  expected: Cell[];
  score: Cell[];
  pvalue: Cell[];
  phi: Cell[];
  mu0: Cell[];
  trend: Cell[];
  trendCoef: Cell[];
}

/**
 * Improved Farrington method, R `surveillance::farringtonFlexible` (Farrington et al. 1996, JRSS A 159;
 * Noufaily et al. 2013, Stat Med 32; Salmon, Schumacher, Hoehle 2016, JSS 70). For each monitored week:
 * a quasi-Poisson log-linear GLM on the weeks around the same week of `b` past years (optionally the
 * whole past split into `noPeriods` seasonal levels), trend tested and kept only when significant and not
 * extrapolating, past outbreaks downweighted by Anscombe residuals, and an upper bound from the
 * 2/3-power normal approximation (`delta`) or a negative binomial quantile (`nbPlugin`, `muan`).
 *
 * Where R differs from the papers (all reproduced, README 7.2):
 * - after reweighting R stores the weights in the model, so the trend t-test and the prediction variance
 *   use `phiStar = sum(omega r^2) / df` instead of the Pearson dispersion (not clipped at 1);
 * - the fit stops at R's deviance tolerance and reports the working weights of the last solve;
 * - the Noufaily score is computed against the log-scale prediction, `(y - eta0) / (U - eta0)`;
 * - the `mu0` column of the delta method is `exp(mu0 + z se)`, the muan formula on the wrong scale;
 * - the limit54 rule counts the current week, and a failing rule gives an `NA` bound;
 * - date-based reference weeks come from the calendar (52 or 53 weeks per year), and the prediction
 *   time is measured from the first baseline week left after dropping missing counts.
 * A time point where neither the fit with nor without trend converges gets `NA` everywhere except
 * `expected` (0), as in R.
 */
export const farringtonFlexible: DetectionMethod<FarringtonFlexibleControl> = {
  name: 'farringtonFlexible',
  control: farringtonFlexibleControl,
  run: runFarringtonFlexible,
};

function runFarringtonFlexible(series: CountSeries, control: FarringtonFlexibleControl): DetectionOutcome {
  const n = series.observed.length;
  const { b, w, alpha, limit54, thresholdMethod } = control;
  const E = control.pastWeeksNotIncluded ?? w;
  if (control.populationOffset && !series.population) {
    return fail('population', 'populationOffset = TRUE needs the population of every time point');
  }
  if (series.dates && ![12, 52, 365].includes(series.frequency)) {
    return fail(
      'dates',
      `date-based reference weeks need monthly, weekly or daily data, not frequency ${series.frequency}`,
    );
  }
  const [from, to] = control.range ?? [series.frequency * b + w + 1, n];
  if (to > n) return fail('range', `range ends at ${to} but the series has ${n} time points`);
  if (from > to) return fail('range', `the series (${n} points) is too short for b = ${b} years of baseline`);
  if (from < 1) return fail('range', 'range must start at t >= 1');

  const cache = new SeriesCache(series);
  const builder = new FlexibleBaselineBuilder(series, cache, {
    b,
    w,
    noPeriods: control.noPeriods,
    pastWeeksNotIncluded: E,
    populationOffset: control.populationOffset,
  });
  const capacity = to;
  const baseline = new Baseline(capacity);
  const glm = new FarringtonGlm(capacity, control.noPeriods);
  const ws = new ModelWorkspace(capacity);
  const rules: ModelRules = {
    reweight: control.reweight,
    weightsThreshold: control.weightsThreshold,
    giveUpWhenNotConverged: true,
    omegaAsModelWeights: true,
    pThresholdTrend: control.pThresholdTrend,
    b,
  };
  const z = qnorm(1 - alpha);
  const cols: Columns = {
    upperbound: [],
    alarm: [],
    expected: [],
    score: [],
    pvalue: [],
    phi: [],
    mu0: [],
    trend: [],
    trendCoef: [],
  };
  const t: number[] = [];

  for (let k = from; k <= to; k++) {
    const err = builder.build(k, baseline);
    if (err) return fail('range', err);
    const outcome = fitFarringtonModel(glm, baseline, control.trend, rules, ws);
    if (outcome.kind === 'error') return fail('observed', `t = ${k}: ${outcome.reason}`);
    t.push(k);
    if (outcome.kind === 'no-convergence') {
      pushRow(cols, null, null, 0, null, null, null, null, null, null);
      continue;
    }
    const { phi, summaryDispersion, doTrend } = outcome.model;
    const y = series.observed[k - 1]!;
    const enough = limit54Enough(series.observed, k, limit54[0], limit54[1]);
    if (enough === undefined)
      return fail(
        'limit54',
        `t = ${k}: the limit54 window of ${limit54[1]} weeks reaches before the start of the series`,
      );
    const eta0 = glm.predictEta(baseline.predictionGroup, baseline.predictionTime, baseline.predictionOffset);
    // predict.glm's standard error with the dispersion summary.glm reports (phiStar), scale sqrt()ed and squared back.
    const scale = Math.sqrt(summaryDispersion);
    const seLink = Math.sqrt(
      glm.varianceFactor(baseline.predictionGroup, baseline.predictionTime) * (scale * scale),
    );
    let upper: number | null;
    let score: number | null;
    let pvalue: number | null;
    let expectedIfBound: number;
    let mu0Column: number;
    if (thresholdMethod === 'delta') {
      const mu0 = Math.max(Math.exp(eta0), EPS);
      const se = seLink * mu0;
      const bounds = deltaBounds(mu0, se, phi, control.powertrans, z);
      upper = bounds.upper;
      const e = bounds.exponent;
      pvalue = Number.isNaN(y) ? null : pnormMeanSd(Math.pow(y, e), Math.pow(mu0, e), bounds.sigma, false);
      score = Number.isNaN(upper) || Number.isNaN(y) ? null : (y - mu0) / (upper - mu0);
      expectedIfBound = mu0;
      mu0Column = Math.exp(se === 0 ? mu0 : mu0 + se * z);
    } else {
      const m =
        thresholdMethod === 'nbPlugin' ? Math.exp(eta0) : Math.exp(seLink === 0 ? eta0 : eta0 + seLink * z);
      if (Number.isNaN(m) || Number.isNaN(phi))
        return fail('observed', `t = ${k}: the predicted mean or the dispersion is NaN (R stops)`);
      const th = noufailyThreshold(m, phi, alpha, y);
      upper = th.upper;
      pvalue = th.pvalue;
      score = upper === null || Number.isNaN(y) ? null : (y - eta0) / (upper - eta0);
      expectedIfBound = Math.exp(eta0);
      mu0Column = m;
    }
    const alarm = enough === true && score !== null && !Number.isNaN(score) && score > 1 && y !== 0 ? 1 : 0;
    const boundCell = enough === true ? upper : null;
    const boundKnown = upper !== null && !Number.isNaN(upper);
    const expected = boundKnown && enough === true ? expectedIfBound : null;
    pushRow(
      cols,
      boundCell,
      alarm,
      expected,
      score,
      pvalue,
      phi,
      mu0Column,
      doTrend ? 1 : 0,
      doTrend ? glm.slope : null,
    );
  }
  const { upperbound, alarm, ...extra } = cols;
  return ok({ t, upperbound, alarm, extra });
}

function pushRow(
  c: Columns,
  upperbound: Cell,
  alarm: Cell,
  expected: Cell,
  score: Cell,
  pvalue: Cell,
  phi: Cell,
  mu0: Cell,
  trend: Cell,
  trendCoef: Cell,
): void {
  c.upperbound.push(upperbound);
  c.alarm.push(alarm);
  c.expected.push(expected);
  c.score.push(score);
  c.pvalue.push(pvalue);
  c.phi.push(phi);
  c.mu0.push(mu0);
  c.trend.push(trend);
  c.trendCoef.push(trendCoef);
}
