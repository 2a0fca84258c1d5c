import type { SimCalendar } from '../calendar.js';
import { weekdayOf } from '../calendar.js';

/**
 * Day-of-week and holiday multipliers. Day-of-week profiles have mean 1 over the week (schools: over the
 * five school days), so they move counts between days without changing the weekly total.
 */

/** Monday … Sunday. */
export const WEEKDAY_PROFILES = {
  /** Outpatient clinics: the Monday backlog, quiet weekends. */
  clinic: [1.25, 1.08, 1.02, 1.0, 0.98, 0.82, 0.85],
  /** Fever clinics are open every day and less tied to the week. */
  fever_clinic: [1.1, 1.03, 1.0, 1.0, 1.0, 0.93, 0.94],
  pharmacy: [0.97, 0.96, 0.96, 0.97, 1.0, 1.08, 1.06],
  /** Absence is highest after the weekend; weekends have no school. */
  school: [1.2, 1.0, 0.95, 0.95, 0.9, 0, 0],
  /** Samples are taken on weekdays, few at the weekend. */
  lab: [1.2, 1.2, 1.2, 1.2, 1.2, 0.5, 0.5],
  hotline: [1.15, 1.05, 1.02, 1.0, 1.0, 0.88, 0.9],
  flat: [1, 1, 1, 1, 1, 1, 1],
} as const satisfies Record<string, readonly number[]>;

export type WeekdayProfileId = keyof typeof WEEKDAY_PROFILES;

/**
 * Holiday multipliers by days from the Spring Festival (a step function: [from, to, factor]) and for the
 * other public holidays. Clinics empty over the festival, when much of the city travels home and only the
 * urgent come, and fill again the week after; pharmacies sell ahead of the closure; 12345 is quieter.
 */
interface HolidayProfile {
  readonly springFestival: readonly (readonly [from: number, to: number, factor: number])[];
  readonly otherHoliday: number;
}

export const HOLIDAY_PROFILES = {
  clinic: {
    springFestival: [
      [-7, -3, 0.9],
      [-2, -1, 0.7],
      [0, 3, 0.55],
      [4, 6, 0.75],
      [7, 13, 1.08],
    ],
    otherHoliday: 0.88,
  },
  lab: {
    springFestival: [
      [-7, -3, 0.9],
      [-2, 6, 0.4],
      [7, 13, 1.1],
    ],
    otherHoliday: 0.6,
  },
  pharmacy: {
    springFestival: [
      [-10, -2, 1.12],
      [-1, 3, 0.5],
      [4, 6, 0.8],
    ],
    otherHoliday: 0.95,
  },
  hotline: { springFestival: [[-1, 6, 0.7]], otherHoliday: 0.9 },
  opinion: { springFestival: [[-1, 2, 1.2]], otherHoliday: 1.05 },
  none: { springFestival: [], otherHoliday: 1 },
} as const satisfies Record<string, HolidayProfile>;

export type HolidayProfileId = keyof typeof HOLIDAY_PROFILES;

/** The holiday multiplier of every day in [first, first + count). */
export function holidayCurve(
  id: HolidayProfileId,
  calendar: SimCalendar,
  first: number,
  count: number,
): Float64Array {
  const profile: HolidayProfile = HOLIDAY_PROFILES[id];
  const curve = new Float64Array(count).fill(1);
  for (let i = 0; i < count; i++) {
    const day = first + i;
    const offset = calendar.springFestivalOffset(day);
    let factor = 1;
    if (offset !== undefined) {
      for (const [from, to, f] of profile.springFestival) if (offset >= from && offset <= to) factor = f;
    }
    const holiday = calendar.publicHoliday(day);
    if (factor === 1 && holiday !== undefined && holiday !== 'spring_festival') factor = profile.otherHoliday;
    curve[i] = factor;
  }
  return curve;
}

export function weekdayFactor(id: WeekdayProfileId, day: number): number {
  return WEEKDAY_PROFILES[id][weekdayOf(day)] as number;
}
