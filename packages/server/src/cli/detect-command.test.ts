import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/** `shaobing detect` from the outside, as a user runs it: the built CLI, files in, CSV and exit codes out. */

const bin = fileURLToPath(new URL('../../bin/shaobing.js', import.meta.url));
const reference = fileURLToPath(new URL('../../../engine/test/reference/', import.meta.url));
const agona = join(reference, 'salmonella_agona__input.csv');
const withNa = join(reference, 'sim_weekly_na__input.csv');
const work = mkdtempSync(join(tmpdir(), 'shaobing-detect-'));

function shaobing(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function table(csv: string): { header: string[]; rows: string[][] } {
  const [header = '', ...rows] = csv.trim().split('\n');
  return { header: header.split(','), rows: rows.map((r) => r.split(',')) };
}

function closeTo(mine: string | undefined, ref: string | undefined): boolean {
  if (mine === ref) return true;
  const a = Number(mine);
  const b = Number(ref);
  return Number.isFinite(a) && Math.abs(a - b) <= 1e-9 * Math.abs(b);
}

describe('shaobing detect', () => {
  test('reproduces R on a reference case, with the reference file layout', () => {
    const run = shaobing(
      'detect',
      '--input',
      agona,
      '--method',
      'earsC',
      '--control',
      '{"range":[157,312],"method":"C1"}',
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const mine = table(run.stdout);
    const ref = table(readFileSync(join(reference, 'salmonella_agona__earsC_C1.csv'), 'utf8'));
    expect(mine.header).toEqual(ref.header);
    expect(mine.rows).toHaveLength(156);
    mine.rows.forEach((row, i) =>
      row.forEach((cell, j) => expect(closeTo(cell, ref.rows[i]?.[j])).toBe(true)),
    );
  });

  test('accepts R\'s "from:to" range and writes --output', () => {
    const out = join(work, 'out.csv');
    const run = shaobing(
      'detect',
      '--input',
      agona,
      '--method',
      'earsC',
      '--control',
      '{"range":"300:305"}',
      '--output',
      out,
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    const { rows } = table(readFileSync(out, 'utf8'));
    expect(rows.map((r) => r[0])).toEqual(['300', '301', '302', '303', '304', '305']);
  });

  test('evaluates every series of a multi-series file on worker threads, in input order', () => {
    const lines = readFileSync(agona, 'utf8').trim().split('\n').slice(1);
    // Two series in the benchmark layout (`series, t, year, week, observed`); the second is the first doubled.
    const body = ['series,t,year,week,observed'];
    for (const name of ['a', 'b']) {
      for (const line of lines) {
        const [t, year, week, , observed] = line.split(',');
        body.push(`${name},${t},${year},${week},${name === 'a' ? observed : Number(observed) * 2}`);
      }
    }
    const input = join(work, 'many.csv');
    writeFileSync(input, `${body.join('\n')}\n`);
    const control = '{"range":[301,312],"method":"C2"}';
    const many = shaobing(
      'detect',
      '--input',
      input,
      '--method',
      'earsC',
      '--control',
      control,
      '--workers',
      '2',
    );
    expect(many.status).toBe(0);
    const { header, rows } = table(many.stdout);
    expect(header.slice(0, 5)).toEqual(['series', 't', 'observed', 'upperbound', 'alarm']);
    expect(rows.map((r) => r[0])).toEqual([...Array<string>(12).fill('a'), ...Array<string>(12).fill('b')]);
    const single = table(
      shaobing('detect', '--input', agona, '--method', 'earsC', '--control', control).stdout,
    );
    expect(rows.slice(0, 12).map((r) => r.slice(1))).toEqual(single.rows);
    // EARS C2 is scale-free: doubling the counts doubles the bound and keeps the alarms.
    rows.slice(12).forEach((r, i) => {
      expect(Number(r[3])).toBeCloseTo(2 * Number(single.rows[i]?.[2]), 9);
      expect(r[4]).toBe(single.rows[i]?.[3]);
    });
  });

  test.each([
    ['an unknown method', ['--input', agona, '--method', 'nope'], /unknown method "nope"/],
    [
      'a missing input file',
      ['--input', join(work, 'missing.csv'), '--method', 'earsC'],
      /cannot read .*missing\.csv/,
    ],
    [
      'broken JSON control',
      ['--input', agona, '--method', 'earsC', '--control', '{"range":'],
      /--control: not valid JSON/,
    ],
    [
      'a control that is not an object',
      ['--input', agona, '--method', 'earsC', '--control', '[1,2]'],
      /must be a JSON object/,
    ],
    [
      'a one-sided range',
      ['--input', agona, '--method', 'earsC', '--control', '{"range":[5]}'],
      /range: must be \[from, to\]/,
    ],
    [
      'a misspelt control name',
      ['--input', agona, '--method', 'earsC', '--control', '{"alhpa":0.1}'],
      /alhpa/,
    ],
    [
      'a control of the wrong type',
      ['--input', agona, '--method', 'earsC', '--control', '{"alpha":"high"}'],
      /field alpha/,
    ],
    [
      'a range without enough baseline',
      ['--input', agona, '--method', 'earsC', '--control', '{"range":[1,312]}'],
      /field range/,
    ],
    [
      'a range past the end',
      ['--input', agona, '--method', 'earsC', '--control', '{"range":[300,999]}'],
      /field range/,
    ],
    [
      'missing values for a method that needs complete data',
      ['--input', withNa, '--method', 'algo.rki1', '--control', '{"range":[261,416]}'],
      /field observed/,
    ],
    ['no --input', ['--method', 'earsC'], /--input is required/],
    ['zero workers', ['--input', agona, '--method', 'earsC', '--workers', '0'], /--workers/],
  ])('refuses %s with exit code 2 and a clear message', (_label, args, message) => {
    const run = shaobing('detect', ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  test('names the row and field of a bad input value', () => {
    const input = join(work, 'bad.csv');
    writeFileSync(input, 't,observed\n1,3\n2,three\n3,-1\n4,5\n');
    const run = shaobing('detect', '--input', input, '--method', 'earsC');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/row 2, field observed: "three" is not a number/);
    expect(run.stderr).toMatch(/row 3, field observed: -1 is negative/);
  });
});
