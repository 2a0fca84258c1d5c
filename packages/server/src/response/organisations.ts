import type pg from 'pg';

/**
 * Which organisation (src/access/, migration 012) answers for a place. Place codes nest by prefix: the
 * district is the code's first 6 digits, the city its first 4, a community is a 12-digit code.
 */

export interface Responsible {
  /** The level that answers: a district (6 digits) or the city (4 digits). */
  readonly placeCode: string;
  /** Its organisation; null when none is registered for that level. */
  readonly orgId: string | null;
}

export const districtOf = (placeCode: string) => placeCode.slice(0, 6);
export const cityOf = (placeCode: string) => placeCode.slice(0, 4);

type Queryable = pg.Pool | pg.PoolClient;

/** The city's CDC (its duty desk takes escalations), else its command centre. */
export async function cityDesk(db: Queryable, placeCode: string): Promise<Responsible> {
  const city = cityOf(placeCode);
  const row = await db.query<{ id: string }>(
    `SELECT id FROM organisation WHERE jurisdiction_code = $1 AND kind IN ('city_cdc', 'command_centre')
      ORDER BY kind = 'city_cdc' DESC, id LIMIT 1`,
    [city],
  );
  return { placeCode: city, orgId: row.rows[0]?.id ?? null };
}

/** The duty desk of the place's district (its district CDC), else the city's. */
export async function dutyDesk(db: Queryable, placeCode: string): Promise<Responsible> {
  if (placeCode.length >= 6) {
    const district = districtOf(placeCode);
    const row = await db.query<{ id: string }>(
      `SELECT id FROM organisation WHERE jurisdiction_code = $1 AND kind = 'district_cdc' ORDER BY id LIMIT 1`,
      [district],
    );
    if (row.rows[0]) return { placeCode: district, orgId: row.rows[0].id };
  }
  return cityDesk(db, placeCode);
}

export interface Organisation {
  readonly id: string;
  readonly kind: string;
  readonly jurisdictionCode: string;
}

export async function readOrganisation(db: Queryable, id: string): Promise<Organisation | undefined> {
  const row = await db.query<{ id: string; kind: string; jurisdiction_code: string }>(
    'SELECT id, kind, jurisdiction_code FROM organisation WHERE id = $1',
    [id],
  );
  const r = row.rows[0];
  return r && { id: r.id, kind: r.kind, jurisdictionCode: r.jurisdiction_code };
}

/** The organisation that first receives a task at a place: its community, else its district's CDC, else the city's. */
export async function firstReceiver(db: Queryable, placeCode: string): Promise<Organisation | undefined> {
  const row = await db.query<{ id: string; kind: string; jurisdiction_code: string }>(
    `SELECT id, kind, jurisdiction_code FROM organisation
      WHERE (kind = 'community' AND jurisdiction_code = $1)
         OR (kind = 'district_cdc' AND jurisdiction_code = left($1, 6))
         OR (kind = 'city_cdc' AND jurisdiction_code = left($1, 4))
      ORDER BY length(jurisdiction_code) DESC, id LIMIT 1`,
    [placeCode],
  );
  const r = row.rows[0];
  return r && { id: r.id, kind: r.kind, jurisdictionCode: r.jurisdiction_code };
}
