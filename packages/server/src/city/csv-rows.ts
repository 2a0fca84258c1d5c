import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { CityDataError } from './city-data-error.js';

/**
 * Reads a city CSV file (header row, comma-separated, UTF-8) and validates every row with a zod object
 * schema whose keys are the columns it needs; other columns are ignored. The first problem stops the
 * load with the file, line and column named; each row comes back with its line (the header is line 1).
 */
export function parseCsvRows<Shape extends z.ZodRawShape>(
  file: string,
  text: string,
  schema: z.ZodObject<Shape>,
): Array<{ readonly line: number; readonly value: z.output<z.ZodObject<Shape>> }> {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, bom: true, info: true });
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw new CityDataError(file, `not valid CSV: ${(error as Error).message}`, lines);
  }
  const header = new Set(Object.keys(records[0]?.record ?? {}));
  for (const column of Object.keys(schema.shape)) {
    if (records.length > 0 && !header.has(column)) throw new CityDataError(file, 'column missing', 1, column);
  }
  return records.map(({ record, info }) => {
    const parsed = schema.safeParse(record);
    if (parsed.success) return { line: info.lines, value: parsed.data };
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.');
    const value = field === undefined ? undefined : record[field];
    const shown = value === undefined ? '' : ` (value "${value}")`;
    throw new CityDataError(file, `${issue?.message ?? 'invalid'}${shown}`, info.lines, field);
  });
}

// Cells: an empty cell means unknown or not published, never zero (data/cities/*/SOURCES.md).
export const text = z.string().trim().min(1, 'must not be empty');
export const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? null : s));
export const optionalNumber = z
  .string()
  .trim()
  .refine((s) => s === '' || Number.isFinite(Number(s)), 'must be a number or empty')
  .transform((s) => (s === '' ? null : Number(s)));
export const optionalCount = z
  .string()
  .trim()
  .refine((s) => s === '' || /^\d+$/.test(s), 'must be a whole number or empty')
  .transform((s) => (s === '' ? null : Number(s)));
export const count = z
  .string()
  .trim()
  .regex(/^\d+$/, 'must be a whole number')
  .transform((s) => Number(s));
export const flag = z.enum(['0', '1'], 'must be 0 or 1').transform((v) => v === '1');
