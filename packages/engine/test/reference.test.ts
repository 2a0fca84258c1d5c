import { describe, expect, test } from 'vitest';
import { methods } from '../src/detect/registry.js';
import type { Cell, DetectionResult } from '../src/detect/types.js';
import { loadReferenceCases } from './reference-cases.js';

/**
 * Every case of the R `surveillance` reference vectors (reference/README.md): `ok` cases must match R —
 * alarms identical, whole-number bounds equal, every other number within 1e-9 relative, NA and NaN kept
 * apart; `error` cases (R stopped) must be refused with a reason.
 */

const TOLERANCE = 1e-9;

/**
 * Where MASS `theta.ml` stopped at its iteration limit (R warns "iteration limit reached"), theta is running
 * off to infinity and R's value is rounding noise: moving the Poisson means by 1e-13 moves it by 1e-7. The
 * dispersion column `alpha` is then compared at 1e-6; every other column (bounds, alarms, `mu0`) at 1e-9.
 */
const UNSETTLED_DISPERSION_TOLERANCE = 1e-6;

/**
 * A quantity that is exactly zero in exact arithmetic (e.g. the trend slope of an all-zero baseline) comes out
 * of R, and of us, as rounding noise of either sign around 1e-18. Two such values both below this bound are
 * the same zero; nothing the method reports depends on which noise it is (the reference cases confirm it:
 * every bound and alarm still matches).
 */
const ROUNDING_NOISE = 1e-15;

function tolerance(rWarnings: readonly string[], column: string): number {
  return column === 'alpha' && rWarnings.some((w) => w.includes('iteration limit reached'))
    ? UNSETTLED_DISPERSION_TOLERANCE
    : TOLERANCE;
}

function parseRef(text: string): Cell {
  if (text === 'NA') return null;
  if (text === 'NaN') return NaN;
  if (text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

function same(mine: Cell | undefined, ref: Cell, exact: boolean, relative = TOLERANCE): boolean {
  if (mine === undefined) return false;
  if (ref === null || mine === null) return ref === mine;
  if (Number.isNaN(ref)) return Number.isNaN(mine);
  if (!Number.isFinite(ref)) return mine === ref;
  if (exact || Number.isInteger(ref)) {
    // Whole-number bounds (quantiles, ceilings, counts) must be equal; a whole number that is a
    // continuous quantity still passes the relative rule.
    if (mine === ref) return true;
    if (exact) return false;
  }
  if (Math.abs(mine) < ROUNDING_NOISE && Math.abs(ref) < ROUNDING_NOISE) return true;
  return Math.abs(mine - ref) <= relative * Math.abs(ref);
}

function column(result: DetectionResult, name: string, observed: Float64Array, tOffset: number): Cell[] {
  switch (name) {
    case 't':
      return result.t.map((t) => t + tOffset);
    case 'observed':
      return result.t.map((t) => {
        const y = observed[t - 1] ?? NaN;
        return Number.isNaN(y) ? null : y;
      });
    case 'upperbound':
      return result.upperbound;
    case 'alarm':
      return result.alarm;
    default:
      return result.extra[name] ?? [];
  }
}

const cases = loadReferenceCases();

describe.each(cases.filter((c) => c.status === 'ok'))('$id', (c) => {
  test(`matches R (${c.method})`, () => {
    const method = methods.get(c.method);
    expect(method, `method ${c.method} is registered`).toBeDefined();
    const outcome = method!.detect(c.input.series, c.control);
    if (!outcome.ok) expect.fail(`refused: ${outcome.error.field}: ${outcome.error.reason}`);
    const expected = c.expected!;
    const result = outcome.value;
    expect(result.t.length, 'number of monitored time points').toBe(expected.rows.length);
    const mismatches: string[] = [];
    expected.columns.forEach((name, j) => {
      const mine = column(result, name, c.input.series.observed, c.input.firstT - 1);
      if (mine.length !== expected.rows.length) {
        mismatches.push(`column ${name}: ${mine.length} values, R has ${expected.rows.length}`);
        return;
      }
      expected.rows.forEach((row, i) => {
        const ref = parseRef(row[j] ?? 'NA');
        const exact = name === 'alarm' || name === 't';
        if (!same(mine[i], ref, exact, tolerance(c.rWarnings, name)))
          mismatches.push(`t=${row[0]} ${name}: mine ${String(mine[i])}, R ${row[j]}`);
      });
    });
    expect(mismatches.slice(0, 12), `${mismatches.length} mismatches`).toEqual([]);
  });
});

describe.each(cases.filter((c) => c.status === 'error'))('$id', (c) => {
  test(`is refused with a reason, as R stopped ("${c.rError}")`, () => {
    const outcome = methods.get(c.method)!.detect(c.input.series, c.control);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.reason.length).toBeGreaterThan(10);
  });
});
