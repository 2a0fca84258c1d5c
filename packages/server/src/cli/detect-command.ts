import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { methods, seriesFromRows, type RawRow } from '@shaobing/engine';
import type { BatchResult, InputRange } from '../detect/evaluate.js';
import { defaultWorkers, evaluateInParallel } from '../detect/pool.js';
import { UsageError } from './usage-error.js';

export const detectHelp = `Usage: shaobing detect --input SERIES.csv --method NAME [--control JSON] [--output FILE.csv] [--workers N]

Runs an outbreak-detection method over a count series, as R's surveillance package does.

  --input FILE     CSV with columns t, observed and optionally year, epochInYear (or week), date,
                   population; a series column holds many series, each evaluated alike
  --method NAME    ${[...methods.keys()].join(', ')}
  --control JSON   R's control list as a JSON object, e.g. '{"range":[365,416],"method":"C2"}';
                   range is [from, to] in the input's t (or "from:to"); frequency (52, 365, ...)
                   overrides the one inferred from the dates. @FILE reads the JSON from a file.
  --output FILE    where to write the result CSV (default: standard output)
  --workers N      worker threads for many series (default: one per core)
`;

interface DetectArgs {
  input: string;
  method: string;
  control: Record<string, unknown>;
  output: string | undefined;
  workers: number;
}

function readArgs(argv: string[]): DetectArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        input: { type: 'string' },
        method: { type: 'string' },
        control: { type: 'string' },
        output: { type: 'string' },
        workers: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!values.input) throw new UsageError('--input is required');
  if (!values.method) throw new UsageError('--method is required');
  if (!methods.has(values.method)) {
    throw new UsageError(
      `--method: unknown method "${values.method}"; known: ${[...methods.keys()].join(', ')}`,
    );
  }
  const workers = values.workers === undefined ? defaultWorkers() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1)
    throw new UsageError('--workers must be a whole number >= 1');
  return {
    input: values.input,
    method: values.method,
    control: readControl(values.control),
    output: values.output,
    workers,
  };
}

function readControl(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let json = text;
  if (text.startsWith('@')) {
    try {
      json = readFileSync(text.slice(1), 'utf8');
    } catch (error) {
      throw new UsageError(
        `--control: cannot read ${text.slice(1)}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new UsageError(`--control: not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError('--control: must be a JSON object of R control names, e.g. {"alpha":0.01}');
  }
  return parsed as Record<string, unknown>;
}

/** `range` as [from, to] or R's "from:to". */
function readRange(value: unknown): InputRange | undefined {
  if (value === undefined) return undefined;
  const pair = typeof value === 'string' ? value.split(':').map((s) => Number(s.trim())) : value;
  if (
    Array.isArray(pair) &&
    pair.length === 2 &&
    pair.every((v) => typeof v === 'number' && Number.isInteger(v)) &&
    (pair[0] as number) <= (pair[1] as number)
  ) {
    return [pair[0] as number, pair[1] as number];
  }
  throw new UsageError(
    'control field range: must be [from, to] (or "from:to") with whole numbers, from <= to',
  );
}

function readFrequency(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  throw new UsageError(
    'control field frequency: must be a whole number of observations per year (52, 365, ...)',
  );
}

function readTable(file: string): { columns: string[]; rows: RawRow[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--input: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new UsageError(`--input: ${file} is not valid CSV: ${(error as Error).message}`);
  }
  const [header, ...data] = records;
  if (!header) throw new UsageError(`--input: ${file} is empty`);
  // The benchmark file names the week column `week`; R's export names it `epochInYear`.
  const columns = header.map((c) => (c === 'week' ? 'epochInYear' : c));
  const rows = data.map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i]])) as RawRow);
  return { columns, rows };
}

/** Runs `shaobing detect`; returns the exit code. */
export async function runDetect(argv: string[]): Promise<number> {
  const args = readArgs(argv);
  const { range, frequency, ...control } = args.control;
  // A bad control is one mistake, not one per series: refuse it before reading the input.
  const prepared = methods.get(args.method)?.prepare(control);
  if (prepared && !prepared.ok) {
    throw new UsageError(`control field ${prepared.error.field}: ${prepared.error.reason}`);
  }
  const table = readTable(args.input);
  const parsed = seriesFromRows(table.columns, table.rows, readFrequency(frequency));
  if (!parsed.ok) {
    const lines = parsed.errors.map((e) =>
      e.row > 0 ? `row ${e.row}, field ${e.field}: ${e.reason}` : `field ${e.field}: ${e.reason}`,
    );
    throw new UsageError(`--input ${args.input}:\n  ${lines.join('\n  ')}`);
  }
  const withSeries = table.columns.includes('series');
  const results: BatchResult[] = await evaluateInParallel(
    { method: args.method, control, range: readRange(range), withSeries, series: parsed.series },
    args.workers,
  );
  const header = results.find((r) => r.header !== '')?.header;
  const failures = results.flatMap((r) => r.failures);
  if (header !== undefined) {
    const csv = `${header}\n${results.map((r) => r.lines).join('')}`;
    if (args.output) writeFileSync(args.output, csv);
    else process.stdout.write(csv);
  }
  for (const f of failures) {
    const where = withSeries ? `series "${f.series}", ` : '';
    process.stderr.write(`shaobing detect: ${where}field ${f.field}: ${f.reason}\n`);
  }
  return failures.length > 0 ? 2 : 0;
}
