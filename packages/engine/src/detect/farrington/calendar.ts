/**
 * Calendar arithmetic on day numbers (days since 1970-01-01), as R's `Date` class does it for the
 * date-based reference weeks of the Farrington methods. Proleptic Gregorian, algorithms after
 * H. Hinnant, "chrono-compatible low-level date algorithms".
 */

/** Day number of year `y`, month `m` (1-12), day `d`; a day past the month's end rolls over (29 Feb 2021 = 1 Mar 2021). */
export function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year, month (1-12) and day of a day number. */
export function civilDate(day: number): { y: number; m: number; d: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/**
 * The same month and day `years` years earlier: R's `seq(date, by = "-1 year")`, where 29 February
 * of a non-leap year becomes 1 March.
 */
export function yearsBefore(day: number, years: number): number {
  const { y, m, d } = civilDate(day);
  return dayNumber(y - years, m, d);
}

/** Day of the week, 0 = Sunday (R's `format(date, "%w")`); 1970-01-01 was a Thursday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}
