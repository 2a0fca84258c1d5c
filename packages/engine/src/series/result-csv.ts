import type { Cell, DetectionResult } from '../detect/types.js';

/**
 * Formats detection results as CSV: `t, observed, upperbound, alarm` and the method's further columns,
 * numbers in JavaScript's shortest round-trip form (they parse back to the exact double), `NA` for R's NA,
 * `NaN`, `Inf` and `-Inf` as R prints them.
 */

export function formatCell(value: Cell): string {
  if (value === null) return 'NA';
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** The header of a result table; `withSeries` puts a `series` column first. */
export function resultHeader(result: DetectionResult, withSeries: boolean): string {
  const names = ['t', 'observed', 'upperbound', 'alarm', ...Object.keys(result.extra)];
  return (withSeries ? ['series', ...names] : names).join(',');
}

function quote(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The data lines of a result. `observed` is the engine input (NaN = NA); `tOffset` maps the engine's
 * 1-based index back to the input's `t`; `series` (when given) is written as the first column.
 */
export function resultLines(
  result: DetectionResult,
  observed: Float64Array,
  tOffset: number,
  series?: string,
): string {
  const extra = Object.values(result.extra);
  const prefix = series === undefined ? '' : `${quote(series)},`;
  let out = '';
  for (let i = 0; i < result.t.length; i++) {
    const t = result.t[i] ?? 0;
    const y = observed[t - 1] ?? NaN;
    let line = `${prefix}${t + tOffset},${Number.isNaN(y) ? 'NA' : String(y)},${formatCell(result.upperbound[i] ?? null)},${formatCell(result.alarm[i] ?? null)}`;
    for (const column of extra) line += `,${formatCell(column[i] ?? null)}`;
    out += `${line}\n`;
  }
  return out;
}
