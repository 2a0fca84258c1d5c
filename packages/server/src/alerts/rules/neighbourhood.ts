import type pg from 'pg';
import { placeLevelOf } from '../config/families.js';

/**
 * Neighbouring places, for the concordance rule's zones: districts that share a border (place_neighbour,
 * computed from the district polygons by src/city/adjacency.ts); below district level, the places under the
 * same parent (a street's sibling streets, a community's sibling communities). The city has none.
 */
export async function neighboursOf(pool: pg.Pool, codes: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(codes.map((c) => [c, []]));
  const districts = codes.filter((c) => placeLevelOf(c) === 'district');
  const lower = codes.filter((c) => {
    const level = placeLevelOf(c);
    return level === 'street' || level === 'community';
  });
  if (districts.length > 0) {
    const rows = await pool.query<{ place_code: string; neighbour_code: string }>(
      `SELECT place_code, neighbour_code FROM place_neighbour WHERE place_code = ANY($1::text[])
        ORDER BY place_code, neighbour_code`,
      [districts],
    );
    for (const r of rows.rows) result.get(r.place_code)?.push(r.neighbour_code);
  }
  if (lower.length > 0) {
    const rows = await pool.query<{ code: string; sibling: string }>(
      `SELECT p.code, s.code AS sibling FROM place p JOIN place s ON s.parent_code = p.parent_code AND s.code <> p.code
        WHERE p.code = ANY($1::text[]) ORDER BY p.code, s.code`,
      [lower],
    );
    for (const r of rows.rows) result.get(r.code)?.push(r.sibling);
  }
  return result;
}
