import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { seriesFromRows, type NamedSeries, type RawRow } from '../src/series/from-rows.js';

/**
 * Loads the R `surveillance` reference vectors in `reference/` (see its README): the manifest, each case's
 * input series as the engine sees it, its control with `range` as `[from, to]`, and R's output table.
 */

const folder = fileURLToPath(new URL('./reference/', import.meta.url));

interface ManifestCase {
  id: string;
  dataset: string;
  frequency: number;
  algorithm: string;
  config: string;
  status: 'ok' | 'error';
  error?: string;
  input_file: string;
  output_file?: string;
  output_columns?: string[];
  control_passed: Record<string, unknown>;
  /** R's warnings: a string, or a list of them. */
  r_warnings?: string | string[];
  series_subset?: { from: number; to: number };
}

export interface ReferenceCase {
  readonly id: string;
  readonly config: string;
  readonly method: string;
  readonly status: 'ok' | 'error';
  readonly rError: string | undefined;
  readonly input: NamedSeries;
  readonly control: Record<string, unknown>;
  /** R's warnings while computing the case (e.g. MASS theta.ml's "iteration limit reached"). */
  readonly rWarnings: readonly string[];
  /** R's output: column name → cells as text (`NA`, `NaN`, `Inf`, numbers with 17 digits). */
  readonly expected: { columns: string[]; rows: string[][] } | undefined;
}

function readTable(file: string): { columns: string[]; rows: string[][] } {
  const lines = readFileSync(folder + file, 'utf8')
    .trim()
    .split('\n');
  const columns = (lines[0] ?? '').split(',');
  return { columns, rows: lines.slice(1).map((line) => line.split(',')) };
}

function asRows(table: { columns: string[]; rows: string[][] }): RawRow[] {
  return table.rows.map((cells) => Object.fromEntries(table.columns.map((c, i) => [c, cells[i]])));
}

/** The registry name of a case's method: the RKI and Bayes presets are registered by their own names. */
function methodName(c: ManifestCase): string {
  if (c.algorithm === 'algo.rki' || c.algorithm === 'algo.bayes') return `algo.${c.config}`;
  return c.algorithm;
}

function control(c: ManifestCase): Record<string, unknown> {
  const out: Record<string, unknown> = { ...c.control_passed };
  const range = out.range;
  if (typeof range === 'string') {
    const [from, to] = range.split(':').map(Number);
    out.range = [from, to];
  }
  return out;
}

export function loadReferenceCases(): ReferenceCase[] {
  const manifest = JSON.parse(readFileSync(`${folder}manifest.json`, 'utf8')) as { cases: ManifestCase[] };
  const inputs = new Map<string, { columns: string[]; rows: string[][] }>();
  return manifest.cases.map((c) => {
    let table = inputs.get(c.input_file);
    if (!table) {
      table = readTable(c.input_file);
      inputs.set(c.input_file, table);
    }
    // algo.outbreakP saw only one season: pass exactly those rows, as R's caller did.
    const rows = c.series_subset
      ? table.rows.slice(c.series_subset.from - 1, c.series_subset.to)
      : table.rows;
    const parsed = seriesFromRows(table.columns, asRows({ columns: table.columns, rows }), c.frequency);
    if (!parsed.ok) throw new Error(`${c.id}: ${JSON.stringify(parsed.errors)}`);
    const input = parsed.series[0];
    if (!input) throw new Error(`${c.id}: no series`);
    return {
      id: c.id,
      config: c.config,
      method: methodName(c),
      status: c.status,
      rError: c.error,
      input,
      control: control(c),
      rWarnings: typeof c.r_warnings === 'string' ? [c.r_warnings] : (c.r_warnings ?? []),
      expected: c.output_file ? readTable(c.output_file) : undefined,
    };
  });
}
