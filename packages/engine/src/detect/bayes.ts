import { z } from 'zod';
import { qnbinom } from '../stats/discrete.js';
import { controlSchema } from './control.js';
import { resolveRange } from './default-range.js';
import {
  fillPastWindowIndices,
  pastWindowsControl,
  pastWindowsEarliest,
  pastWindowsLength,
  presetField,
  presetWindowFields,
  type PastWindows,
} from './past-windows.js';
import {
  ok,
  type Cell,
  type CountSeries,
  type DetectionMethod,
  type DetectionOutcome,
  type Range,
} from './types.js';

/**
 * The Bayes system — R `surveillance::algo.bayes` and its presets `algo.bayes1/2/3` (Riebler 2004,
 * "Empirischer Vergleich von statistischen Methoden zur Ausbruchserkennung bei Surveillance Daten",
 * Bachelor's thesis, LMU Munich; package vignette and Höhle 2007, Comput. Stat. 22:571).
 *
 * Baseline as in the RKI system (`past-windows.ts`). With `S` the sum and `N` the number of its
 * non-missing values, a Poisson count with a Gamma(1/2 + S, N) posterior (Jeffreys prior) has the
 * negative binomial predictive `NB(size = S + 1/2, prob = N / (N + 1))`; `U` is its `1 - alpha`
 * quantile (a whole number). Alarm when `y_t > U`.
 *
 * Where R differs, we follow R:
 * - Missing counts are left out of `S` and `N` (R's change of July 2009); a missing `y_t` gives an `NA`
 *   alarm; a baseline without any count gives `qnbinom(., ., prob = 0)` = `NaN` and an `NA` alarm.
 * - Years are `freq` indices back, also for dated series (R warns and does the same).
 * - The alarm is strict (`>`); surveillance versions before 2009 used `>=`.
 * - `algo.bayes1/2/3` build their control from scratch and take only `range` from the caller (see
 *   `presetField`). Presets: bayes1 `b = 0, w = 6, actY`; bayes2 `b = 1, w = 6, actY`; bayes3
 *   `b = 2, w = 4`, no `actY`; all `alpha = 0.05`. `algo.bayes`'s own defaults are bayes1's.
 */

function runBayes(
  series: CountSeries,
  spec: PastWindows,
  alpha: number,
  range: Range | undefined,
  method: string,
): DetectionOutcome {
  const freq = series.frequency;
  const resolved = resolveRange(series, range, pastWindowsEarliest(spec, freq), method);
  if (!resolved.ok) return { ok: false, error: resolved.error };
  const { from, to } = resolved;
  const y = series.observed;
  const size = pastWindowsLength(spec);
  const indices = new Int32Array(size);
  const p = 1 - alpha;
  const upperbound: Cell[] = [];
  const alarm: Cell[] = [];
  for (let t = from; t <= to; t++) {
    fillPastWindowIndices(t, spec, freq, indices);
    let sum = 0;
    let count = 0;
    for (let k = 0; k < size; k++) {
      const v = y[indices[k]!]!;
      if (!Number.isNaN(v)) {
        sum += v;
        count += 1;
      }
    }
    const bound = count === 0 ? NaN : qnbinom(p, sum + 0.5, count / (count + 1));
    const yt = y[t - 1]!;
    upperbound.push(bound);
    alarm.push(Number.isNaN(bound) || Number.isNaN(yt) ? null : yt > bound ? 1 : 0);
  }
  const t = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return ok({ t, upperbound, alarm, extra: {} });
}

const alphaField = z.number().gt(0, 'alpha must be in (0, 1)').lt(1, 'alpha must be in (0, 1)');

const bayesControl = pastWindowsControl({ b: 0, w: 6, actY: true }, { alpha: alphaField.default(0.05) });
export type BayesControl = z.infer<typeof bayesControl>;

export const bayes: DetectionMethod<BayesControl> = {
  name: 'algo.bayes',
  control: bayesControl,
  run: (series, control) => runBayes(series, control, control.alpha, control.range, 'algo.bayes'),
};

function preset(name: string, spec: PastWindows): DetectionMethod<{ range?: Range | undefined }> {
  const alpha = 0.05;
  return {
    name,
    control: controlSchema({
      ...presetWindowFields(spec, name, 'algo.bayes'),
      alpha: presetField('alpha', alpha, name, 'algo.bayes'),
    }),
    run: (series, control) => runBayes(series, spec, alpha, control.range, name),
  };
}

export const bayes1 = preset('algo.bayes1', { b: 0, w: 6, actY: true });
export const bayes2 = preset('algo.bayes2', { b: 1, w: 6, actY: true });
export const bayes3 = preset('algo.bayes3', { b: 2, w: 4, actY: false });
