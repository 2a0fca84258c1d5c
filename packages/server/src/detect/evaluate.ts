import { methods, resultHeader, resultLines, type NamedSeries } from '@shaobing/engine';

/**
 * Evaluates a batch of series with one method and control, formatting each result as CSV lines. Pure
 * apart from the method registry; runs in the main thread or inside a worker (see pool.ts).
 */

/** `range` as the user gave it, in the input's own `t` (the engine counts from each series' first row). */
export type InputRange = readonly [from: number, to: number];

export interface BatchRequest {
  readonly method: string;
  /** The control object without `range` (mapped per series) and `frequency` (a series property). */
  readonly control: Readonly<Record<string, unknown>>;
  readonly range: InputRange | undefined;
  /** Write a `series` column (the input had one). */
  readonly withSeries: boolean;
  /** Format result lines (default); the benchmark turns it off to time detection alone. */
  readonly format?: boolean;
  readonly series: readonly NamedSeries[];
}

export interface SeriesFailure {
  readonly series: string;
  readonly field: string;
  readonly reason: string;
}

export interface BatchResult {
  /** The header line, from the first successful result ('' when none succeeded). */
  readonly header: string;
  readonly lines: string;
  readonly failures: SeriesFailure[];
  readonly alarms: number;
  readonly evaluations: number;
}

export function evaluateBatch(request: BatchRequest): BatchResult {
  const method = methods.get(request.method);
  if (!method) throw new Error(`unknown method ${request.method}: the caller checks it first`);
  let header = '';
  let lines = '';
  let alarms = 0;
  let evaluations = 0;
  const failures: SeriesFailure[] = [];
  const prepared = method.prepare(request.control);
  if (!prepared.ok) {
    const failure = prepared.error;
    return {
      header,
      lines,
      failures: request.series.map((s) => ({ series: s.name, ...failure })),
      alarms,
      evaluations,
    };
  }
  for (const item of request.series) {
    const shift = item.firstT - 1;
    const range = request.range ? ([request.range[0] - shift, request.range[1] - shift] as const) : undefined;
    const outcome = prepared.run(item.series, range);
    if (!outcome.ok) {
      failures.push({ series: item.name, ...outcome.error });
      continue;
    }
    const result = outcome.value;
    if (request.format !== false) {
      if (header === '') header = resultHeader(result, request.withSeries);
      lines += resultLines(
        result,
        item.series.observed,
        item.firstT - 1,
        request.withSeries ? item.name : undefined,
      );
    }
    evaluations += result.t.length;
    for (const a of result.alarm) if (a === 1) alarms += 1;
  }
  return { header, lines, failures, alarms, evaluations };
}
