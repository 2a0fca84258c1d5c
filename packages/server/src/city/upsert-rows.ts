import type pg from 'pg';

/**
 * Writes many rows in one statement — the rows travel as one JSON parameter, unpacked by
 * `jsonb_to_recordset` — inserting new keys and updating a row only where a value differs, so that
 * loading unchanged data writes nothing (no dead tuples, no triggers, no WAL).
 */

export interface UpsertSpec {
  readonly table: string;
  readonly key: readonly string[];
  /** Column name → SQL type, in the order of the table's columns as written. */
  readonly columns: Readonly<Record<string, string>>;
  readonly rows: ReadonlyArray<Readonly<Record<string, unknown>>>;
}

export interface UpsertCount {
  readonly inserted: number;
  readonly updated: number;
}

export async function upsertRows(client: pg.ClientBase, spec: UpsertSpec): Promise<UpsertCount> {
  if (spec.rows.length === 0) return { inserted: 0, updated: 0 };
  const names = Object.keys(spec.columns);
  const record = names.map((n) => `${n} ${spec.columns[n]}`).join(', ');
  const values = names.filter((n) => !spec.key.includes(n));
  const set = values.map((n) => `${n} = excluded.${n}`).join(', ');
  const differs = `(${values.map((n) => `t.${n}`).join(', ')}) IS DISTINCT FROM (${values.map((n) => `excluded.${n}`).join(', ')})`;
  const result = await client.query<{ inserted: boolean }>(
    `INSERT INTO ${spec.table} AS t (${names.join(', ')})
     SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${record})
     ON CONFLICT (${spec.key.join(', ')}) DO UPDATE SET ${set} WHERE ${differs}
     RETURNING (xmax = 0) AS inserted`,
    [JSON.stringify(spec.rows)],
  );
  const inserted = result.rows.filter((r) => r.inserted).length;
  return { inserted, updated: result.rows.length - inserted };
}
