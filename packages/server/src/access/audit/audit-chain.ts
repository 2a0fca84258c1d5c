import { createHash } from 'node:crypto';

/**
 * The audit log's hash chain: each entry stores sha256(previous entry's hash + "\n" + the entry in
 * canonical form), the first entry chaining from GENESIS. Changing, removing or inserting an entry breaks
 * every hash after it, which `verifyChain` finds by walking the log again.
 */

export const GENESIS = '0'.repeat(64);

export type DetailValue = string | number | boolean | null;

export interface AuditEntry {
  readonly seq: number;
  /** ISO time with milliseconds (what timestamptz gives back for a JS Date). */
  readonly at: string;
  readonly actorId: number | null;
  readonly actorUsername: string | null;
  readonly actorRole: string | null;
  readonly action: string;
  readonly target: string;
  readonly purpose: string | null;
  readonly detail: Readonly<Record<string, DetailValue>>;
}

/** One line of JSON with the detail's keys sorted, so that jsonb's own key order does not matter. */
export function canonical(entry: AuditEntry): string {
  const detail = Object.fromEntries(
    Object.keys(entry.detail)
      .sort()
      .map((k) => [k, entry.detail[k] ?? null]),
  );
  return JSON.stringify([
    entry.seq,
    entry.at,
    entry.actorId,
    entry.actorUsername,
    entry.actorRole,
    entry.action,
    entry.target,
    entry.purpose,
    detail,
  ]);
}

export const chainHash = (previous: string, entry: AuditEntry): string =>
  createHash('sha256')
    .update(`${previous}\n${canonical(entry)}`, 'utf8')
    .digest('hex');

export interface ChainBreak {
  readonly seq: number;
  /** `hash`: the entry is not what was hashed; `link`: it does not chain from the one before; `gap`: missing entries. */
  readonly reason: 'hash' | 'link' | 'gap';
}

/** Walks stored entries in order, continuing from `previous` (the last hash of the page before). */
export function verifyChain(
  entries: readonly (AuditEntry & { readonly prevHash: string; readonly hash: string })[],
  previous: { readonly seq: number; readonly hash: string },
): { readonly last: { seq: number; hash: string }; readonly broken: ChainBreak | undefined } {
  let last = previous;
  for (const e of entries) {
    if (e.seq !== last.seq + 1) return { last, broken: { seq: e.seq, reason: 'gap' } };
    if (e.prevHash !== last.hash) return { last, broken: { seq: e.seq, reason: 'link' } };
    if (chainHash(e.prevHash, e) !== e.hash) return { last, broken: { seq: e.seq, reason: 'hash' } };
    last = { seq: e.seq, hash: e.hash };
  }
  return { last, broken: undefined };
}
