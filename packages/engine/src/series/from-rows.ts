import type { CountSeries } from '../detect/types.js';

/**
 * Turns the rows of a series table (`t, year, epochInYear | week, date, observed` and optionally
 * `population`, as in R `surveillance` exports) into count series. This is the boundary: every value is
 * checked once here, and a bad one is reported with its row number, column and reason.
 */

/** One row as read from CSV: column name → raw text. */
export type RawRow = Readonly<Record<string, string | undefined>>;

/** A series ready for the engine, with the `t` of its first row (input `t` need not start at 1). */
export interface NamedSeries {
  /** The `series` column's value, or `''` for a single-series table. */
  readonly name: string;
  readonly series: CountSeries;
  /** Input `t` of the first row; engine index i (1-based) is input t = firstT + i - 1. */
  readonly firstT: number;
}

export interface RowError {
  /** 1-based data row number (the header is row 0). */
  readonly row: number;
  readonly field: string;
  readonly reason: string;
}

export type SeriesTable = { ok: true; series: NamedSeries[] } | { ok: false; errors: RowError[] };

const MISSING = new Set(['NA', '', 'NaN']);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_ERRORS = 20;

/** Days since 1970-01-01 of an ISO date, or null when the text is not a valid calendar date. */
export function dayNumber(text: string): number | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / 86_400_000;
  // Date.UTC rolls 2021-02-30 over into March: reject dates that do not survive the round trip.
  return new Date(ms).toISOString().slice(0, 10) === text ? day : null;
}

interface Builder {
  name: string;
  firstT: number;
  lastT: number;
  observed: number[];
  dates: (number | null)[];
  population: number[];
}

/**
 * Builds the series of a table. `frequency` overrides the frequency; otherwise it is inferred from the
 * dates (a step of one day: 365, of seven days: 52) and is 52 without dates.
 */
export function seriesFromRows(
  columns: readonly string[],
  rows: readonly RawRow[],
  frequency?: number,
): SeriesTable {
  const errors: RowError[] = [];
  const has = new Set(columns);
  for (const required of ['t', 'observed']) {
    if (!has.has(required))
      errors.push({ row: 0, field: required, reason: `the column "${required}" is missing` });
  }
  if (errors.length > 0) return { ok: false, errors };
  const hasDates = has.has('date');
  const hasPopulation = has.has('population');
  const builders = new Map<string, Builder>();

  rows.forEach((row, index) => {
    if (errors.length >= MAX_ERRORS) return;
    const rowNo = index + 1;
    const name = row.series ?? '';
    const tText = row.t ?? '';
    const t = Number(tText);
    if (tText.trim() === '' || !Number.isInteger(t)) {
      errors.push({ row: rowNo, field: 't', reason: `"${tText}" is not a whole number` });
      return;
    }
    let b = builders.get(name);
    if (!b) {
      b = { name, firstT: t, lastT: t - 1, observed: [], dates: [], population: [] };
      builders.set(name, b);
    }
    if (t !== b.lastT + 1) {
      const where = name === '' ? '' : ` of series "${name}"`;
      errors.push({
        row: rowNo,
        field: 't',
        reason: `t = ${t}${where} does not follow t = ${b.lastT}: rows must be consecutive and in time order`,
      });
      return;
    }
    b.lastT = t;
    const observed = parseCount(row.observed, rowNo, 'observed', errors);
    b.observed.push(observed);
    if (hasDates) {
      const text = row.date ?? '';
      if (MISSING.has(text)) b.dates.push(null);
      else {
        const day = dayNumber(text);
        if (day === null)
          errors.push({
            row: rowNo,
            field: 'date',
            reason: `"${text}" is not a date of the form YYYY-MM-DD`,
          });
        b.dates.push(day);
      }
    }
    if (hasPopulation) b.population.push(parseCount(row.population, rowNo, 'population', errors));
  });
  if (rows.length === 0) errors.push({ row: 0, field: 'observed', reason: 'the table has no rows' });
  if (errors.length > 0) return { ok: false, errors };

  const series: NamedSeries[] = [];
  for (const b of builders.values()) {
    const built = finish(b, frequency, errors);
    if (built) series.push(built);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, series };
}

function parseCount(text: string | undefined, row: number, field: string, errors: RowError[]): number {
  const raw = (text ?? '').trim();
  if (MISSING.has(raw)) return NaN;
  const value = Number(raw);
  if (!Number.isFinite(value))
    errors.push({ row, field, reason: `"${raw}" is not a number (use NA for a missing value)` });
  else if (value < 0) errors.push({ row, field, reason: `${raw} is negative; counts cannot be` });
  return value;
}

function finish(b: Builder, frequency: number | undefined, errors: RowError[]): NamedSeries | null {
  const known = b.dates.filter((d): d is number => d !== null);
  let dates: Int32Array | undefined;
  if (known.length > 0) {
    if (known.length < b.dates.length) {
      errors.push({
        row: 0,
        field: 'date',
        reason: `series "${b.name}" has dates on some rows and NA on others`,
      });
      return null;
    }
    dates = Int32Array.from(known);
    for (let i = 1; i < dates.length; i++) {
      if ((dates[i] ?? 0) <= (dates[i - 1] ?? 0)) {
        errors.push({
          row: 0,
          field: 'date',
          reason: `series "${b.name}": dates are not increasing at t = ${b.firstT + i}`,
        });
        return null;
      }
    }
  }
  const step = dates && dates.length > 1 ? (dates[1] ?? 0) - (dates[0] ?? 0) : 7;
  const series: CountSeries = {
    observed: Float64Array.from(b.observed),
    frequency: frequency ?? (step === 1 ? 365 : 52),
    ...(dates ? { dates } : {}),
    ...(b.population.length > 0 ? { population: Float64Array.from(b.population) } : {}),
  };
  return { name: b.name, series, firstT: b.firstT };
}
