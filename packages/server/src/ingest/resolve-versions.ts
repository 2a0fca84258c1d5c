import type { Contribution } from '../channels/channel.js';
import type { Candidate, Rejection } from './prepare-batch.js';

/**
 * What a batch does to the stored records, decided record by record in batch order against what is
 * stored (read under the channel's lock): new keys are accepted; content already received under the key
 * (the current version or an earlier one) is a duplicate; other content is a correction that replaces the
 * stored version. Report cards follow their type: a `new` card never overwrites, a `correction` replaces,
 * a `withdrawal` takes the card out of every series. Pure: the transaction applies the plan.
 */

/** A stored record, as read for the keys of a batch. */
export interface Stored {
  readonly hashes: readonly string[];
  readonly version: number;
  readonly active: boolean;
  readonly contribution: Contribution;
  /** `first_received_at` as PostgreSQL wrote it, carried over when a correction rewrites the row. */
  readonly firstReceivedAt: string;
}

export interface Insert {
  readonly candidate: Candidate;
  readonly version: number;
  readonly hashes: readonly string[];
  readonly active: boolean;
  readonly firstReceivedAt: string | undefined;
}

export interface Withdrawal {
  readonly key: string;
  readonly version: number;
  readonly hashes: readonly string[];
  readonly reason: string | undefined;
}

/** A contribution entering (+1) or leaving (−1) the series. */
export interface Change {
  readonly contribution: Contribution;
  readonly sign: 1 | -1;
}

export interface Plan {
  accepted: number;
  duplicates: number;
  corrected: number;
  readonly rejected: Rejection[];
  /** Rows to write; keys in `replaced` are deleted first (their new version is among the inserts). */
  readonly inserts: Insert[];
  readonly replaced: string[];
  readonly withdrawals: Withdrawal[];
  readonly changes: Change[];
}

interface KeyState {
  readonly stored: Stored | undefined;
  /** The latest content from this batch; undefined while the stored content stands. */
  current: Candidate | undefined;
  hashes: string[];
  version: number;
  active: boolean;
  reason: string | undefined;
  changed: boolean;
}

export function resolveVersions(candidates: readonly Candidate[], stored: ReadonlyMap<string, Stored>): Plan {
  const plan: Plan = {
    accepted: 0,
    duplicates: 0,
    corrected: 0,
    rejected: [],
    inserts: [],
    replaced: [],
    withdrawals: [],
    changes: [],
  };
  const states = new Map<string, KeyState>();
  for (const c of candidates) {
    let state = states.get(c.key);
    if (!state) {
      const s = stored.get(c.key);
      state = {
        stored: s,
        current: undefined,
        hashes: s ? [...s.hashes] : [],
        version: s?.version ?? 0,
        active: s?.active ?? false,
        reason: undefined,
        changed: false,
      };
      states.set(c.key, state);
    }
    const exists = state.stored !== undefined || state.current !== undefined;
    const seen = state.hashes.includes(c.hash);
    const reject = (key: 'ingest.card-exists' | 'ingest.card-unknown' | 'ingest.card-withdrawn') =>
      plan.rejected.push({ row: c.row, issue: { field: 'cardId', key, params: { card: c.key } } });
    const replaceWith = (active: boolean, current: Candidate | undefined) => {
      state.hashes.push(c.hash);
      state.version += 1;
      state.active = active;
      if (current) state.current = current;
      state.changed = true;
    };
    if (!exists) {
      if (c.cardType === 'withdrawal') reject('ingest.card-unknown');
      else {
        replaceWith(true, c);
        plan.accepted += 1;
      }
    } else if (seen || (c.cardType === 'withdrawal' && !state.active)) {
      plan.duplicates += 1;
    } else if (c.cardType === 'new') {
      reject('ingest.card-exists');
    } else if (c.cardType === 'correction' && !state.active) {
      reject('ingest.card-withdrawn');
    } else if (c.cardType === 'withdrawal') {
      replaceWith(false, undefined);
      state.reason = c.withdrawalReason;
      plan.corrected += 1;
    } else {
      replaceWith(true, c);
      plan.corrected += 1;
    }
  }
  for (const [key, state] of states) {
    if (!state.changed) continue;
    const { stored: before, current } = state;
    if (current) {
      plan.inserts.push({
        candidate: current,
        version: state.version,
        hashes: state.hashes,
        active: state.active,
        firstReceivedAt: before?.firstReceivedAt,
      });
      if (before) plan.replaced.push(key);
    } else {
      plan.withdrawals.push({ key, version: state.version, hashes: state.hashes, reason: state.reason });
    }
    if (before?.active) plan.changes.push({ contribution: before.contribution, sign: -1 });
    const after = current?.contribution ?? before?.contribution;
    if (state.active && after) plan.changes.push({ contribution: after, sign: 1 });
  }
  return plan;
}
