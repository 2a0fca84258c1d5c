/**
 * HL7 v2 DTM/TS values (YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]) as the ISO 8601 text the channel
 * schemas read. Without an offset the time is local Asia/Shanghai time, as the schemas assume. Precision
 * coarser than the day is not a visit time; a missing time of day reads as midnight.
 */
const TS = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})?(\d{2})?(?:\.(\d{1,4}))?)?([+-]\d{4})?$/;

export function isoFromHl7(value: string): string | undefined {
  const m = TS.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction, zone] = m;
  const time = `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction ? `.${fraction}` : ''}`;
  return zone ? `${time}${zone.slice(0, 3)}:${zone.slice(3)}` : time;
}

/** Reads a date of birth to the day (YYYYMMDD…); coarser precision (a year, a month) gives undefined. */
export function dateFromHl7(value: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(value.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}
