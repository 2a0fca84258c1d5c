import { methods, type CountSeries, type DetectionError } from '@shaobing/engine';
import type { Period } from './rule.js';

/**
 * What a run needs to know about a method before it has data: whether a rule's control is valid for it, and
 * how many periods of baseline to read before the first evaluated point.
 */

export const frequencyOf = (period: Period) => (period === 'week' ? 52 : 365);

/** Thrown by the probe series when the method starts reading data: the control passed every check. */
class ReachedData extends Error {}

/**
 * Validates `control` for `method` on `period` series the way a run would: the engine's registry parses the
 * control with the method's zod schema (R's names, unknown names refused) and the method then checks the
 * control against the series' frequency. The probe series answers `frequency` and throws on first access
 * to its counts, so nothing is computed. The registry does not expose the schemas themselves (a
 * `parseControl` beside `detect` would make the probe unnecessary).
 */
export function checkControl(method: string, control: unknown, period: Period): DetectionError | undefined {
  const registered = methods.get(method);
  if (!registered) {
    return { field: 'method', reason: `unknown method; known: ${[...methods.keys()].join(', ')}` };
  }
  if (control !== null && typeof control === 'object' && 'range' in control) {
    return {
      field: 'range',
      reason: 'range is set by each run (the latest periods that changed): leave it out',
    };
  }
  const reached = (): never => {
    throw new ReachedData();
  };
  const probe = {
    frequency: frequencyOf(period),
    get observed() {
      return reached();
    },
    get dates() {
      return reached();
    },
    get population() {
      return reached();
    },
  } as unknown as CountSeries;
  try {
    const outcome = registered.detect(probe, control);
    return outcome.ok ? undefined : outcome.error;
  } catch (error) {
    if (error instanceof ReachedData) return undefined;
    return { field: 'control', reason: String(error) };
  }
}

const numberOr = (control: Readonly<Record<string, unknown>>, name: string, fallback: number) => {
  const value = control[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
};

/**
 * Periods of baseline a method reads before the point it evaluates, from its control (R's defaults where a
 * control is absent). Over-reading costs little; under-reading makes the method refuse the series, so the
 * figures round up (53-week years, guard bands).
 */
export function historyNeeded(
  method: string,
  control: Readonly<Record<string, unknown>>,
  period: Period,
): number {
  const f = frequencyOf(period);
  switch (method) {
    case 'earsC':
      // C2/C3 skip two points before the baseline, and C3 reaches two more back.
      return numberOr(control, 'baseline', 7) + 4;
    case 'cidars.mpm': {
      const window = f === 365 ? 7 : 1;
      return numberOr(control, 'years', 5) * f + (numberOr(control, 'k', 2) + 1) * window;
    }
    case 'farringtonFlexible':
    case 'algo.farrington': {
      const b = numberOr(control, 'b', 5);
      const w = numberOr(control, 'w', 3);
      // Calendar years of weekly data have 52 or 53 weeks; days need b years and w days either side.
      return b * (f + 1) + w + 1;
    }
    case 'essence.ewma':
      // The EWMAs run from the start of what is read, so the first evaluated point has B + g + 7 steps behind
      // it: the start's weight is below 0.6^37 ≈ 6e-9 with Rnssp's w1 = 0.4. (The engine's EWMA computes its
      // t-test for every point read, so reading more costs in proportion.)
      return numberOr(control, 'B', 28) + numberOr(control, 'g', 2) + 7;
    case 'algo.bayes':
    case 'algo.rki':
      // The same weeks of b past years ± w (R's earliest t is b·freq + w + 1); b = 0 reads the last w weeks.
      return (
        Math.max(numberOr(control, 'b', 0) * f + numberOr(control, 'w', 6), numberOr(control, 'w', 6)) + 1
      );
    case 'essence.regression':
    case 'essence.switch':
      return numberOr(control, 'B', 28) + numberOr(control, 'g', 2);
    default:
      // Bayes, RKI, CDC, CUSUM, GLR, outbreakP: a year back and a margin, or b years when the method has b.
      return (numberOr(control, 'b', 1) + 1) * f + numberOr(control, 'w', 6) + 1;
  }
}

/**
 * Methods whose baseline is the points just before (EARS, ESSENCE, CUSUM, GLR, outbreakP): on day series they
 * see reporting days only (series-window.ts). The others reach back by whole years of points (CIDARS, the
 * Farringtons, Bayes, RKI, CDC) and keep the calendar, with missing days as missing.
 */
export const RECENT_BASELINE = new Set([
  'earsC',
  'essence.ewma',
  'essence.regression',
  'essence.switch',
  'algo.cusum',
  'algo.glrnb',
  'algo.glrpois',
  'algo.outbreakP',
]);

/** The baseline of the RKI and Bayes systems: `w` either side of the same point of `b` past years. */
export interface PastWindowNeed {
  readonly b: number;
  readonly w: number;
  readonly actY: boolean;
}

/** A rule's past windows (algo.bayes, algo.rki with b ≥ 1; R's defaults b 0, w 6, actY TRUE), if it has them. */
export function pastWindowNeed(
  method: string,
  control: Readonly<Record<string, unknown>>,
): PastWindowNeed | undefined {
  if (method !== 'algo.bayes' && method !== 'algo.rki') return undefined;
  const b = numberOr(control, 'b', 0);
  const w = numberOr(control, 'w', 6);
  return b >= 1 ? { b, w, actY: typeof control.actY === 'boolean' ? control.actY : true } : undefined;
}
