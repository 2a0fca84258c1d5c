import type pg from 'pg';
import type { ChannelChanges } from './collect-series.js';
import { pairKey } from './read-series.js';

/**
 * Takes the series changed since the last run from `series_change` (written by the triggers on the series
 * table, migration 008): deletes the committed rows inside the caller's transaction and returns, per channel,
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
