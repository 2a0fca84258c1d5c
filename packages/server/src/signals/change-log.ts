import type pg from 'pg';
import type { ChannelChanges } from './collect-series.js';
import { pairKey } from './read-series.js';

/**
 * Takes the series changed since the last run from `series_change` (written by the triggers on the series
 * table, migrations 008 and 010; community rows are not logged): deletes the committed rows inside the caller's transaction and returns, per channel,
 * each changed (signal, place) with the earliest day it changed. A change committed after this statement
 * stays for the next run; a run that fails rolls the delete back.
 */
export async function consumeChanges(client: pg.ClientBase): Promise<Map<string, ChannelChanges>> {
  const result = await client.query<{
    channel: string;
    signal: string;
    place_code: string;
    earliest: number;
  }>(
    `WITH taken AS (DELETE FROM series_change RETURNING channel, signal, place_code, earliest)
     SELECT channel, signal, place_code, min(earliest) - date '1970-01-01' AS earliest FROM taken GROUP BY 1, 2, 3`,
  );
  const changes = new Map<string, Map<string, number>>();
  for (const row of result.rows) {
    let channel = changes.get(row.channel);
    if (!channel) changes.set(row.channel, (channel = new Map<string, number>()));
    channel.set(pairKey(row.signal, row.place_code), row.earliest);
  }
  return changes;
}

/**
 * The changes with the communities of every changed street added (same signal, same earliest day): the log
 * leaves communities out, and a community's series can only have changed if its street's did. Codes nest by
 * prefix: a community's first nine digits are its street.
 */
export function withCommunities(
  changes: ChannelChanges,
  places: ReadonlyMap<string, string>,
): ChannelChanges {
  const byStreet = new Map<string, string[]>();
  for (const [code, level] of places) {
    if (level !== 'community') continue;
    const street = code.slice(0, 9);
    const list = byStreet.get(street);
    if (list) list.push(code);
    else byStreet.set(street, [code]);
  }
  const expanded = new Map(changes);
  for (const [key, earliest] of changes) {
    const at = key.indexOf('\u0000');
    const signal = key.slice(0, at);
    for (const community of byStreet.get(key.slice(at + 1)) ?? [])
      expanded.set(pairKey(signal, community), earliest);
  }
  return expanded;
}
