/**
 * The response workflow's clock. Deadlines, reminders and escalations are decided against it, never against
 * the database's `now()`, so that the workflow tests move time by hand and the scheduler's tick can be
 * replayed at any instant.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock the tests set and advance. */
export function manualClock(start: Date | string): Clock & {
  set(to: Date | string): void;
  advance(ms: number): Date;
} {
  let at = new Date(start);
  const clock = () => new Date(at);
  clock.set = (to: Date | string) => {
    at = new Date(to);
  };
  clock.advance = (ms: number) => {
    at = new Date(at.getTime() + ms);
    return new Date(at);
  };
  return clock;
}

/** ISO 8601 in UTC as the API shows timestamps (the same text whatever the server's time zone). */
export const isoColumn = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
