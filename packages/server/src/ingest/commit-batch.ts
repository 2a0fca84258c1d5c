import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { CHANNEL_IDS } from '../channels/channel-id.js';
import type { ChannelDefinition, Contribution } from '../channels/channel.js';
import { DeltaBuilder, seriesDeltas } from '../series/deltas.js';
import { ioTurn, TURN_SLICE } from './io-turn.js';
import { seriesStatements, writeSeriesStatements, type SeriesStatement } from '../series/write-deltas.js';
import { copyArray, copyText, copyValue } from './copy-format.js';
import type { IngestSource } from './ingest-records.js';
import type { PreparedBatch } from './prepare-batch.js';
import { ingestTimings, lap } from './timings.js';
import { resolveVersions, type Insert, type Plan, type Stored } from './resolve-versions.js';

/**
 * The database half of a batch, one transaction: take the channel's lock, read what is stored under the
 * batch's keys, decide (resolve-versions.ts), write the records with COPY, and add the batch's effect to
 * the series. The lock serialises batches of one channel — they would queue on the same series rows
 * (the city's day) anyway — so a key is never decided twice at once and no two batches deadlock.
 */

/** Advisory-lock namespace of the ingest: the two-int form, beside the migration (7_415_260) and city (7_415_261) locks. */
const LOCK_NAMESPACE = 7_415_262;

const COMMON_COLUMNS = [
  'record_key',
  'facility_id',
  'event_date',
  'place_code',
  'signals',
  'counts',
  'denominator',
  'active',
  'version',
  'hashes',
  'source',
  'first_received_at',
];

interface StoredRow {
  record_key: string;
  hashes: string[];
  version: number;
  active: boolean;
  event_date: string;
  place_code: string;
  facility_id: string | null;
  signals: string[];
  counts: string[] | null;
  denominator: string | null;
  first_received_at: string;
}

async function readStored(
  client: pg.PoolClient,
  table: string,
  keys: string[],
): Promise<Map<string, Stored>> {
  const stored = new Map<string, Stored>();
  if (keys.length === 0) return stored;
  const result = await client.query<StoredRow>(
    `SELECT record_key, hashes::text[] AS hashes, version, active, event_date, place_code, facility_id, signals,
            counts::text[] AS counts, denominator::text AS denominator, first_received_at::text AS first_received_at
       FROM ${table} WHERE record_key = ANY($1::text[])`,
    [keys],
  );
  for (const row of result.rows) {
    const contribution: Contribution = {
      eventDate: row.event_date,
      placeCode: row.place_code,
      facilityId: row.facility_id,
      signals: row.signals,
      counts: row.counts?.map(Number) ?? null,
      denominator: row.denominator === null ? null : Number(row.denominator),
    };
    stored.set(row.record_key, {
      hashes: row.hashes,
      version: row.version,
      active: row.active,
      contribution,
      firstReceivedAt: row.first_received_at,
    });
  }
  return stored;
}

/** A record's COPY row; `now` undefined: without first_received_at (the fast path's COPY lets it default). */
function copyRow(insert: Insert, source: IngestSource, now: string | undefined): string {
  const { candidate: c, version, hashes, active } = insert;
  const k = c.contribution;
  const common = [
    copyText(c.key),
    copyValue(k.facilityId),
    k.eventDate,
    k.placeCode,
    copyArray(k.signals),
    k.counts === null ? '\\N' : copyArray(k.counts),
    copyValue(k.denominator),
    active ? 't' : 'f',
    String(version),
    copyArray(hashes),
    source,
  ];
  if (now !== undefined) common.push(copyText(insert.firstReceivedAt ?? now));
  common.push(c.columns);
  return common.join('\t');
}

async function copyIn(client: pg.PoolClient, table: string, columns: readonly string[], text: Buffer) {
  await pipeline(
    Readable.from([text]),
    client.query(copyStreams.from(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)),
  );
}

async function writeRecords(
  client: pg.PoolClient,
  channel: ChannelDefinition,
  plan: Plan,
  source: IngestSource,
  now: string,
) {
  const { table } = channel;
  if (plan.replaced.length > 0) {
    await client.query(`DELETE FROM ${table} WHERE record_key = ANY($1::text[])`, [plan.replaced]);
  }
  if (plan.inserts.length > 0) {
    const text = plan.inserts.map((insert) => copyRow(insert, source, now)).join('\n') + '\n';
    await copyIn(client, table, [...COMMON_COLUMNS, ...Object.keys(channel.columns)], Buffer.from(text));
  }
  if (plan.withdrawals.length > 0) {
    await client.query(
      `UPDATE ${table} AS r
          SET active = false, version = w.version, hashes = w.hashes::bigint[], withdrawal_reason = w.reason,
              received_at = now()
         FROM (SELECT unnest($1::text[]) AS record_key, unnest($2::int[]) AS version,
                      unnest($3::text[]) AS hashes, unnest($4::text[]) AS reason) AS w
        WHERE r.record_key = w.record_key`,
      [
        plan.withdrawals.map((w) => w.key),
        plan.withdrawals.map((w) => w.version),
        plan.withdrawals.map((w) => `{${w.hashes.join(',')}}`),
        plan.withdrawals.map((w) => w.reason ?? null),
      ],
    );
  }
}

/**
 * Channels whose last batch met stored keys start on the careful path: a file imported a second time would
 * otherwise fail its optimistic COPY batch after batch.
 */
const meetsStoredKeys = new Set<string>();

/**
 * A batch's writes built ahead on the assumption that none of its keys is stored (a bulk import, fresh
 * reports): the plan (every record accepted), the COPY text and the series statements. Built in Node while
 * the batch before commits (ingest-stream.ts), so that the transaction spends its time in PostgreSQL
 * rather than waiting for Node to format rows and aggregate deltas.
 */
export interface FreshWrite {
  readonly plan: Plan;
  readonly copy: Buffer;
  readonly series: readonly SeriesStatement[];
}

/** The fast path's columns: first_received_at defaults to now(), the transaction's time. */
const FRESH_COLUMNS = COMMON_COLUMNS.filter((c) => c !== 'first_received_at');

/**
 * The fresh writes of a batch, or undefined when the batch cannot take the fast path: its channel met stored
 * keys lately, it repeats a key, or it withdraws a card. Built slice by slice with turns for I/O between
 * (io-turn.ts): it runs while the batch before commits.
 */
export async function freshWrite(
  channel: ChannelDefinition,
  prepared: PreparedBatch,
  source: IngestSource,
  ancestors: ReadonlyMap<string, readonly string[]>,
  turn: () => Promise<void> = ioTurn,
): Promise<FreshWrite | undefined> {
  const { candidates } = prepared;
  if (candidates.length === 0 || meetsStoredKeys.has(channel.id)) return undefined;
  if (candidates.some((c) => c.cardType === 'withdrawal')) return undefined;
  if (new Set(candidates.map((c) => c.key)).size !== candidates.length) return undefined;
  let started = performance.now();
  const plan = resolveVersions(candidates, new Map()); // nothing stored: every record is accepted
  const rows: string[] = [];
  const builder = new DeltaBuilder(ancestors);
  for (let from = 0; from < Math.max(plan.inserts.length, plan.changes.length); from += TURN_SLICE) {
    for (const insert of plan.inserts.slice(from, from + TURN_SLICE))
      rows.push(copyRow(insert, source, undefined));
    builder.add(plan.changes.slice(from, from + TURN_SLICE));
    lap('aggregate', started);
    await turn();
    started = performance.now();
  }
  const copy = Buffer.from(rows.join('\n') + '\n');
  const series = seriesStatements(channel.id, builder.deltas());
  lap('aggregate', started);
  return { plan, copy, series };
}

/**
 * The fast path: COPY every record straight in, trusting the primary key to refuse a stored one. No read of
 * the batch's keys, so each record costs one index insertion instead of a lookup and an insertion. A unique
 * violation rolls back to the savepoint and the batch takes the careful path.
 */
async function writeFresh(
  client: pg.PoolClient,
  channel: ChannelDefinition,
  fresh: FreshWrite,
): Promise<boolean> {
  if (meetsStoredKeys.has(channel.id)) return false;
  await client.query('SAVEPOINT fresh');
  try {
    await copyIn(client, channel.table, [...FRESH_COLUMNS, ...Object.keys(channel.columns)], fresh.copy);
    await client.query('RELEASE SAVEPOINT fresh');
    return true;
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error; // unique_violation: a key is stored
    await client.query('ROLLBACK TO SAVEPOINT fresh');
    meetsStoredKeys.add(channel.id);
    return false;
  }
}

/**
 * Commits a prepared batch; resolves once it is durable, with what became of each record. `fresh`: its
 * fast-path writes when they were built ahead (else they are built here when the batch qualifies).
 */
export async function commitBatch(
  pool: pg.Pool,
  channel: ChannelDefinition,
  prepared: PreparedBatch,
  source: IngestSource,
  ancestors: ReadonlyMap<string, readonly string[]>,
  /** Its fast-path writes built ahead; 'build' builds them here (as bench:ingest --inline-writes weighs). */
  fresh: FreshWrite | undefined | 'build' = 'build',
): Promise<Plan> {
  const client = await pool.connect();
  try {
    let t = performance.now();
    await client.query('BEGIN');
    const locked = await client.query<{ now: string }>(
      'SELECT pg_advisory_xact_lock($1, $2), now()::text AS now',
      [LOCK_NAMESPACE, CHANNEL_IDS.indexOf(channel.id)],
    );
    t = lap('lock', t);
    const now = locked.rows[0]?.now ?? new Date().toISOString();
    let plan: Plan;
    let series: readonly SeriesStatement[];
    const ready =
      fresh === 'build' ? await freshWrite(channel, prepared, source, ancestors, async () => {}) : fresh;
    if (ready && (await writeFresh(client, channel, ready))) {
      ({ plan, series } = ready);
      t = lap('write', t);
    } else {
      t = lap('write', t);
      const stored = await readStored(client, channel.table, [
        ...new Set(prepared.candidates.map((c) => c.key)),
      ]);
      if (stored.size === 0) meetsStoredKeys.delete(channel.id);
      plan = resolveVersions(prepared.candidates, stored);
      t = lap('read', t);
      await writeRecords(client, channel, plan, source, now);
      t = lap('write', t);
      series = seriesStatements(channel.id, seriesDeltas(plan.changes, ancestors));
      t = lap('aggregate', t);
    }
    await writeSeriesStatements(client, series);
    t = lap('series', t);
    await client.query('COMMIT');
    lap('commit', t);
    ingestTimings.batches += 1;
    return plan;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
