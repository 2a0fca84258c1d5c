/**
 * The simulator's calendar: plain day numbers (days since 1970-01-01 of an Asia/Shanghai calendar date, so
 * no time-zone arithmetic), weekdays, the Spring Festival of each year (from the city's calendar data,
 * `data/calendar/spring_festival.csv`), public holidays and school terms.
 *
 * School terms follow the usual Chinese pattern: a winter break of about four weeks around the Spring
 * Festival (two weeks either side), the summer break July–August, and the solar public holidays (New Year,
 * Qingming, Labour Day, National Day week). The lunar holidays other than the Spring Festival (Dragon Boat,
 * Mid-Autumn) and the make-up working days (调休) are left out: their dates are not in the data, and a day
 * or two a year does not change a baseline.
 */

const DAY_MS = 86_400_000;

export function dayOf(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** Day number of month/day (1-based) in a year. */
export function dayIn(year: number, month: number, dayOfMonth: number): number {
  return Date.UTC(year, month - 1, dayOfMonth) / DAY_MS;
}

export interface SpringFestival {
  readonly year: number;
  /** 'YYYY-MM-DD': the first day of the lunar year (春节). */
  readonly date: string;
}

export type PublicHoliday = 'new_year' | 'spring_festival' | 'qingming' | 'labour_day' | 'national_day';

/** Spring Festival week: the eve and the six days after it (除夕 … 初六), the statutory break. */
const SPRING_FESTIVAL_HOLIDAY = [-1, 6] as const;
/** School winter break around the Spring Festival, in days from it (about four weeks). */
export const WINTER_BREAK = [-14, 14] as const;

export class SimCalendar {
  private readonly festivals: Map<number, number>;

  constructor(springFestivals: readonly SpringFestival[]) {
    this.festivals = new Map(springFestivals.map((f) => [f.year, dayOf(f.date)]));
  }

  /** The years whose Spring Festival is known. */
  get years(): number[] {
    return [...this.festivals.keys()].sort((a, b) => a - b);
  }

  /** Whether every day in [first, last] can be placed against a Spring Festival (the year before to the year after). */
  covers(first: number, last: number): boolean {
    for (let y = yearOf(first); y <= yearOf(last) + 1; y++) if (!this.festivals.has(y)) return false;
    return true;
  }

  /** Days from the nearest Spring Festival (negative before it); undefined when the year is unknown. */
  springFestivalOffset(day: number): number | undefined {
    const year = yearOf(day);
    const own = this.festivals.get(year);
    const next = this.festivals.get(year + 1);
    if (own === undefined) return undefined;
    if (day >= own + 183 && next !== undefined) return day - next;
    return day - own;
  }

  publicHoliday(day: number): PublicHoliday | undefined {
    const offset = this.springFestivalOffset(day);
    if (offset !== undefined && offset >= SPRING_FESTIVAL_HOLIDAY[0] && offset <= SPRING_FESTIVAL_HOLIDAY[1])
      return 'spring_festival';
    const date = dateOf(day);
    const md = date.slice(5);
    if (md === '01-01') return 'new_year';
    if (md >= '04-04' && md <= '04-06') return 'qingming';
    if (md >= '05-01' && md <= '05-05') return 'labour_day';
    if (md >= '10-01' && md <= '10-07') return 'national_day';
    return undefined;
  }

  /** Whether schools hold classes: a weekday in term that is not a public holiday. */
  schoolDay(day: number): boolean {
    if (weekdayOf(day) >= 5) return false;
    if (this.publicHoliday(day) !== undefined) return false;
    const md = dateOf(day).slice(5);
    if (md >= '07-01' && md <= '08-31') return false;
    const offset = this.springFestivalOffset(day);
    return !(offset !== undefined && offset >= WINTER_BREAK[0] && offset <= WINTER_BREAK[1]);
  }
}
