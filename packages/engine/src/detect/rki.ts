import type { z } from 'zod';
import { controlSchema } from './control.js';
import { resolveRange } from './default-range.js';
import {
  fillPastWindowIndices,
  mean,
  pastWindowsControl,
  pastWindowsEarliest,
  pastWindowsLength,
  presetWindowFields,
  sampleSd,
  type PastWindows,
} from './past-windows.js';
import { rkiTableUpper } from './rki-table.js';
import {
  fail,
  ok,
  type Cell,
  type CountSeries,
  type DetectionMethod,
  type DetectionOutcome,
  type Range,
} from './types.js';

/**
 * The Robert Koch Institute system — R `surveillance::algo.rki` and its presets `algo.rki1/2/3`
 * (the RKI's internal outbreak detection of the early 2000s, documented in the package vignette
 * `algo_rki.Rnw`, Höhle 2007, "surveillance: An R package for the monitoring of infectious diseases",
 * Computational Statistics 22:571).
 *
 * Baseline of `t` (see `past-windows.ts`): with `actY` the `w` counts before `t`, plus `2w + 1` counts
 * around the same week in each of `b` past years. `mu` = its mean. If `mu > 20`,
 * `U = mu + 2 sd` (normal approximation); otherwise `U` = the upper 95 % limit of a Poisson mean
 * `floor(mu)` from the fixed table (`rki-table.ts`). Alarm when `y_t > U`.
 *
 * Where R differs from what one might expect, we follow R:
 * - Years are counted as `freq` indices back, also for dated series (R warns and does the same).
 * - `mu` is rounded *down* before the table lookup, so the bound is a step function of the mean.
 * - A missing count anywhere in a baseline stops R ("missing value where TRUE/FALSE needed"); we refuse
 *   the input, naming it. A missing count at `t` itself only gives an `NA` alarm.
 * - `algo.rki1/2/3` build their control from scratch and take only `range` from the caller (see
 *   `presetField`). The presets: rki1 `b = 0, w = 6, actY`; rki2 `b = 1, w = 6, actY`;
 *   rki3 `b = 2, w = 4`, no `actY` (also `algo.rki`'s defaults).
 */

function runRki(
  series: CountSeries,
  spec: PastWindows,
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
  const values = new Float64Array(size);
  const upperbound: Cell[] = [];
  const alarm: Cell[] = [];
  for (let t = from; t <= to; t++) {
    fillPastWindowIndices(t, spec, freq, indices);
    for (let k = 0; k < size; k++) {
      const v = y[indices[k]!]!;
      if (Number.isNaN(v)) {
        return fail(
          'observed',
          `missing value at t = ${indices[k]! + 1} (in the baseline of t = ${t}): ${method} needs complete baselines`,
        );
      }
      values[k] = v;
    }
    const mu = mean(values, size);
    let bound: Cell;
    if (mu > 20) {
      // R's sd of a single value is NA.
      bound = size < 2 ? null : mu + 2 * sampleSd(values, size, mu);
    } else {
      bound = rkiTableUpper(mu);
    }
    const yt = y[t - 1]!;
    upperbound.push(bound);
    alarm.push(bound === null || Number.isNaN(yt) ? null : yt > bound ? 1 : 0);
  }
  const t = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return ok({ t, upperbound, alarm, extra: {} });
}

const rkiControl = pastWindowsControl({ b: 2, w: 4, actY: false }, {});
export type RkiControl = z.infer<typeof rkiControl>;

export const rki: DetectionMethod<RkiControl> = {
  name: 'algo.rki',
  control: rkiControl,
  run: (series, control) => runRki(series, control, control.range, 'algo.rki'),
};

function preset(name: string, spec: PastWindows): DetectionMethod<{ range?: Range | undefined }> {
  return {
    name,
    control: controlSchema(presetWindowFields(spec, name, 'algo.rki')),
    run: (series, control) => runRki(series, spec, control.range, name),
  };
}

export const rki1 = preset('algo.rki1', { b: 0, w: 6, actY: true });
export const rki2 = preset('algo.rki2', { b: 1, w: 6, actY: true });
export const rki3 = preset('algo.rki3', { b: 2, w: 4, actY: false });
