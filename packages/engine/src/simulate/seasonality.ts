import { dayIn, yearOf } from './calendar.js';
import type { Random } from './random.js';

/**
 * Seasonal profiles: the shape of a signal over the year, as a sum of smooth yearly bumps on a flat floor,
 * scaled so that its mean over a year is 1 (so a rate in the parameter table is the annual mean).
 *
 *   s(t) = (1 + Σ_b A_b · m_b,y · exp(κ_b (cos(2π (t − p_b,y) / 365.25) − 1))) / norm
 *
 * A bump b peaks on its date p (MM-DD) at 1 + A times the floor; κ is set from its half-width at half
 * height h: κ = ln 2 / (1 − cos(2π h / 365.25)) (a von Mises bump). Each year y draws its own size m ~
 * lognormal(0, σ) and its own peak shift ~ N(0, τ days), the same for the whole city (a flu season comes
 * early or late everywhere at once); σ = τ = 0 gives every year the configured shape exactly.
 */

export interface SeasonalBump {
  /** 'MM-DD' of the peak. */
  readonly peak: string;
  /** The peak's height above the floor: 2 means three times the off-season level at the peak. */
  readonly amplitude: number;
  /** Half-width at half height, in days. */
  readonly halfWidthDays: number;
}

export interface SeasonalProfile {
  readonly bumps: readonly SeasonalBump[];
  /** Year-to-year variation: sd of the log size of each year's bump, sd of its peak date in days. */
  readonly amplitudeSdLog: number;
  readonly peakSdDays: number;
}

const YEAR = 365.25;

const bump = (peak: string, amplitude: number, halfWidthDays: number): SeasonalBump => ({
  peak,
  amplitude,
  halfWidthDays,
});

/**
 * The profiles the parameter table uses. Peaks and widths follow China's surveillance reports for the
 * middle Yangtze region: influenza A in winter (Dec–Feb) with a weaker summer wave some years; influenza B
 * in late winter–spring; hand-foot-mouth disease in May–July with an autumn shoulder; bacterial GI and
 * dysentery in July–August; norovirus and RSV in winter; scarlet fever in late spring and early winter.
 */
export const SEASONAL_PROFILES = {
  flat: { bumps: [], amplitudeSdLog: 0, peakSdDays: 0 },
  influenza: {
    bumps: [bump('01-08', 6, 26), bump('07-20', 0.5, 20)],
    amplitudeSdLog: 0.3,
    peakSdDays: 10,
  },
  influenza_b: { bumps: [bump('03-10', 4, 25)], amplitudeSdLog: 0.4, peakSdDays: 12 },
  respiratory: { bumps: [bump('12-20', 1, 60)], amplitudeSdLog: 0.1, peakSdDays: 7 },
  /** Over-the-counter cold medicine: the influenza season, broader and flatter. */
  otc_respiratory: { bumps: [bump('01-05', 1.5, 45)], amplitudeSdLog: 0.15, peakSdDays: 7 },
  rsv: { bumps: [bump('12-25', 3, 40)], amplitudeSdLog: 0.2, peakSdDays: 10 },
  covid: { bumps: [bump('01-15', 1, 30), bump('08-10', 1.5, 25)], amplitudeSdLog: 0.3, peakSdDays: 15 },
  hfmd: { bumps: [bump('05-28', 4, 32), bump('10-20', 1.2, 25)], amplitudeSdLog: 0.3, peakSdDays: 10 },
  gi_summer: { bumps: [bump('07-25', 1.2, 40)], amplitudeSdLog: 0.15, peakSdDays: 7 },
  norovirus: { bumps: [bump('12-15', 1.5, 45)], amplitudeSdLog: 0.2, peakSdDays: 10 },
  rash_spring: { bumps: [bump('04-15', 0.8, 40)], amplitudeSdLog: 0.2, peakSdDays: 10 },
  tb_spring: { bumps: [bump('03-20', 0.25, 60)], amplitudeSdLog: 0.05, peakSdDays: 5 },
  scarlet: { bumps: [bump('05-15', 0.8, 30), bump('12-01', 0.8, 30)], amplitudeSdLog: 0.2, peakSdDays: 7 },
  mumps: { bumps: [bump('05-20', 0.8, 40)], amplitudeSdLog: 0.2, peakSdDays: 7 },
  dengue: { bumps: [bump('09-20', 30, 25)], amplitudeSdLog: 0.6, peakSdDays: 10 },
  hfrs: { bumps: [bump('11-25', 2, 30), bump('04-15', 1, 30)], amplitudeSdLog: 0.2, peakSdDays: 7 },
} as const satisfies Record<string, SeasonalProfile>;

export type SeasonalProfileId = keyof typeof SEASONAL_PROFILES;

/** κ of a von Mises bump with the given half-width at half height. */
function concentration(halfWidthDays: number): number {
  return Math.LN2 / (1 - Math.cos((2 * Math.PI * halfWidthDays) / YEAR));
}

/** The bump's height (0 … 1) at `distance` days from its peak. */
function shape(kappa: number, distance: number): number {
  return Math.exp(kappa * (Math.cos((2 * Math.PI * distance) / YEAR) - 1));
}

/** The normalising constant: the mean over a year of the unscaled profile without year-to-year variation. */
function annualMean(profile: SeasonalProfile): number {
  let sum = 0;
  for (let t = 0; t < 3652; t++) {
    let value = 1;
    for (const b of profile.bumps) value += b.amplitude * shape(concentration(b.halfWidthDays), t / 10);
    sum += value;
  }
  return sum / 3652;
}

/** The profile's value `distance` days from each bump's peak, without year-to-year variation (tests). */
export function seasonalValue(profile: SeasonalProfile, peakDistances: readonly number[]): number {
  let value = 1;
  profile.bumps.forEach((b, i) => {
    value += b.amplitude * shape(concentration(b.halfWidthDays), peakDistances[i] ?? 0);
  });
  return value / annualMean(profile);
}

/**
 * The profile over `count` days from day `first`, each year's bumps drawn from `random` (pass the same
 * stream state to get the same seasons). Each day takes each bump's nearest yearly peak.
 */
export function seasonalCurve(
  profile: SeasonalProfile,
  first: number,
  count: number,
  random: Random,
): Float64Array {
  const norm = annualMean(profile);
  const curve = new Float64Array(count).fill(1);
  const firstYear = yearOf(first) - 1;
  const lastYear = yearOf(first + count) + 1;
  for (const b of profile.bumps) {
    const kappa = concentration(b.halfWidthDays);
    const month = Number(b.peak.slice(0, 2));
    const dayOfMonth = Number(b.peak.slice(3, 5));
    const peaks: { day: number; size: number }[] = [];
    for (let y = firstYear; y <= lastYear; y++) {
      // Draw both numbers for every year whatever σ and τ, so that the stream's use does not depend on them.
      const size = Math.exp(profile.amplitudeSdLog * random.normal());
      const shift = profile.peakSdDays * random.normal();
      peaks.push({ day: dayIn(y, month, dayOfMonth) + shift, size });
    }
    let k = 0;
    for (let i = 0; i < count; i++) {
      const t = first + i;
      while (
        k + 1 < peaks.length &&
        Math.abs((peaks[k + 1] as { day: number }).day - t) < Math.abs((peaks[k] as { day: number }).day - t)
      )
        k++;
      const peak = peaks[k] as { day: number; size: number };
      curve[i] = (curve[i] as number) + b.amplitude * peak.size * shape(kappa, t - peak.day);
    }
  }
  for (let i = 0; i < count; i++) curve[i] = (curve[i] as number) / norm;
  return curve;
}
