import { z } from 'zod';
import { controlSchema } from '../control.js';
import { ok, type CountSeries, type DetectionMethod } from '../types.js';
import {
  alertLevels,
  baselineShape,
  emptyTrack,
  essenceResult,
  levelsInOrder,
  levelsMessage,
  monitoredRange,
  smoothingWeights,
} from './common.js';
import { EWMA_MIN_BASELINE, ewmaTrack } from './ewma.js';
import { REGRESSION_MIN_BASELINE, regressionTrack } from './regression.js';

/**
 * ESSENCE's Regression/EWMA Switch as CDC's Rnssp package defines it: `alert_switch(df, t, y, B = 28, g = 2,
 * w1 = 0.4, w2 = 0.9)` (CDCgov/Rnssp, R/alert_switch.R, commit e997541; Apache-2.0). At each time point it runs
 * `essence.regression`; where that fit's adjusted R² is at least 0.60 (`r2Threshold`; Rnssp's fixed value,
 * ">= 0.60" keeps the regression) the regression's result is reported, otherwise (lower R², or no regression
 * because the baseline is still shorter than the regression's 11 values) the result of `essence.ewma` with
 * the same `B`, `g`, `w1`, `w2`. No other condition (such as a positive trend) enters the choice.
 *
 * Output: the chosen detector's `upperbound`, `alarm`, `expected`, `score`, `pvalue`, `level`, plus `adjR2`
 * (the regression's, also where EWMA was chosen; `NA` where there is no regression) and `detector` (1
 * regression, 2 EWMA, `NA` where neither applies). The earliest t is EWMA's, g + 8. Rnssp blanks `detector`
 * where the count is missing; here it names the detector whose baseline was used.
 *
 * Because `B` serves both detectors it must satisfy the regression's minimum, B >= 11.
 */
export const switchControl = controlSchema({
  ...baselineShape(REGRESSION_MIN_BASELINE),
  ...smoothingWeights,
  r2Threshold: z.number().min(0).max(1).default(0.6),
  ...alertLevels,
}).refine(levelsInOrder, levelsMessage);

export type SwitchControl = z.infer<typeof switchControl>;

const REGRESSION = 1;
const EWMA = 2;

export const essenceSwitch: DetectionMethod<SwitchControl> = {
  name: 'essence.switch',
  control: switchControl,
  run(series: CountSeries, control: SwitchControl) {
    const range = monitoredRange(series, control.range, control.g + EWMA_MIN_BASELINE + 1);
    if (!range.ok) return { ok: false, error: range.error };
    const { from, to } = range;
    const ewma = ewmaTrack(series.observed, to, control);
    const regression = regressionTrack(series, from, to, control);
    const chosen = emptyTrack(to);
    const detector = new Float64Array(to).fill(NaN);
    for (let i = from - 1; i < to; i++) {
      const r2 = regression.adjR2[i] ?? NaN;
      const source = r2 >= control.r2Threshold ? regression : ewma;
      if (Number.isNaN(source.expected[i] ?? NaN)) continue;
      detector[i] = source === regression ? REGRESSION : EWMA;
      chosen.expected[i] = source.expected[i] ?? NaN;
      chosen.score[i] = source.score[i] ?? NaN;
      chosen.pvalue[i] = source.pvalue[i] ?? NaN;
      chosen.threshold[i] = source.threshold[i] ?? NaN;
    }
    return ok(essenceResult(from, to, chosen, control, { adjR2: regression.adjR2, detector }));
  },
};
