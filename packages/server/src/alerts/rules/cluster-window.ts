import { addDays } from '../../series/periods.js';

/**
 * The window of a cluster rule (≥ N cases within D days): among the D-day windows that contain a day with
 * new cases, the one holding the most cases (the earliest such window on a tie, so that evaluating the same
 * counts again finds the same window). Pure; counts by day, absent days zero.
 */

export interface ClusterWindow {
  readonly from: string;
  readonly to: string;
  readonly cases: number;
  readonly daily: readonly { readonly date: string; readonly count: number }[];
}

export function bestWindow(
  counts: ReadonlyMap<string, number>,
  touched: Iterable<string>,
  days: number,
  measure: 'sum' | 'peak',
): ClusterWindow | undefined {
  let best: ClusterWindow | undefined;
  const ends = new Set<string>();
  for (const day of touched) for (let k = 0; k < days; k++) ends.add(addDays(day, k));
  for (const to of [...ends].sort()) {
    const from = addDays(to, -(days - 1));
    const daily = Array.from({ length: days }, (_, k) => {
      const date = addDays(from, k);
      return { date, count: counts.get(date) ?? 0 };
    });
    const cases =
      measure === 'sum'
        ? daily.reduce((sum, d) => sum + d.count, 0)
        : daily.reduce((max, d) => Math.max(max, d.count), 0);
    if (best === undefined || cases > best.cases) best = { from, to, cases, daily };
  }
  return best;
}
