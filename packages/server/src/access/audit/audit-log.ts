import type pg from 'pg';
import type { Principal } from '../roles.js';
import { chainHash, GENESIS, type AuditEntry, type DetailValue } from './audit-chain.js';

/**
 * Writing to the audit log: who did what to which record, when and why. Entries are appended under a
 * lock on the table, so that concurrent writers take turns and the chain never forks.
 */

export interface AuditInput {
  readonly action: string;
  /** What was read or changed: `report-card/C-1`, `user/12`, `api-token/3`. */
  readonly target: string;
  readonly purpose?: string | null;
  readonly detail?: Readonly<Record<string, DetailValue>>;
}

/** Who acted: a principal, or a named system actor (the CLI, the demo loader). */
export type Actor = Pick<Principal, 'userId' | 'username' | 'role'> | { readonly system: string };

/** Appends entries inside the caller's transaction (`client` must be in BEGIN … COMMIT). */
export async function appendAudit(
  client: pg.PoolClient,
  actor: Actor,
  inputs: readonly AuditInput[],
  nowMs: number,
): Promise<void> {
  if (inputs.length === 0) return;
  // SHARE ROW EXCLUSIVE conflicts with itself: one appender at a time, readers undisturbed.
  await client.query('LOCK TABLE audit_entry IN SHARE ROW EXCLUSIVE MODE');
  const tail = await client.query<{ seq: string; hash: string }>(
    'SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1',
  );
  let seq = Number(tail.rows[0]?.seq ?? 0);
  let previous = tail.rows[0]?.hash ?? GENESIS;
  const at = new Date(nowMs).toISOString();
  const who =
    'system' in actor
      ? { actorId: null, actorUsername: actor.system, actorRole: null }
      : { actorId: actor.userId, actorUsername: actor.username, actorRole: actor.role };
  const rows: (AuditEntry & { prevHash: string; hash: string })[] = [];
  for (const input of inputs) {
    seq += 1;
    const entry: AuditEntry = {
      seq,
      at,
      ...who,
      action: input.action,
      target: input.target,
      purpose: input.purpose ?? null,
      detail: input.detail ?? {},
    };
    const hash = chainHash(previous, entry);
    rows.push({ ...entry, prevHash: previous, hash });
    previous = hash;
  }
  await client.query(
    `INSERT INTO audit_entry (seq, at, actor_id, actor_username, actor_role, action, target, purpose, detail,
                              prev_hash, hash)
     SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::bigint[], $4::text[], $5::text[], $6::text[],
                          $7::text[], $8::text[], $9::jsonb[], $10::text[], $11::text[])`,
    [
      rows.map((r) => r.seq),
      rows.map((r) => r.at),
      rows.map((r) => r.actorId),
      rows.map((r) => r.actorUsername),
      rows.map((r) => r.actorRole),
      rows.map((r) => r.action),
      rows.map((r) => r.target),
      rows.map((r) => r.purpose),
      rows.map((r) => JSON.stringify(r.detail)),
      rows.map((r) => r.prevHash),
      rows.map((r) => r.hash),
    ],
  );
}

/** Runs `work` and appends its audit entries in one transaction: the change and its record commit together. */
export async function withAudit<T>(
  pool: pg.Pool,
  actor: Actor,
  nowMs: number,
  work: (client: pg.PoolClient) => Promise<{ readonly result: T; readonly audit: readonly AuditInput[] }>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { result, audit } = await work(client);
    await appendAudit(client, actor, audit, nowMs);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
