import type pg from 'pg';

/**
 * Which sending facilities (MSH-4) may send over MLLP: a facility of the city (in the `facility` table),
 * and, when an allow-list is configured, one on it. Known facilities are remembered for a minute so that a
 * busy feed does not query for every message; an unknown one is asked again each time, so a facility added
 * to the city is accepted at once.
 */
export function facilityGate(
  pool: pg.Pool,
  allow: readonly string[] | undefined,
  memoryMs = 60_000,
): (facility: string) => Promise<boolean> {
  const listed = allow === undefined ? undefined : new Set(allow);
  const known = new Map<string, number>();
  return async (facility) => {
    if (listed !== undefined && !listed.has(facility)) return false;
    const until = known.get(facility);
    if (until !== undefined && until > Date.now()) return true;
    const found = await pool.query('SELECT 1 FROM facility WHERE id = $1', [facility]);
    if (found.rowCount === 0) return false;
    known.set(facility, Date.now() + memoryMs);
    return true;
  };
}
