import type pg from 'pg';
import { ApiError } from '../http/api-error.js';
import { openEvent } from '../events/event-store.js';
import { appendTimeline } from '../events/timeline.js';
import { inTransaction } from '../response/transaction.js';

/**
 * The outcome of a verification: dismissed (with a reason), monitoring (kept under watch: it may still be
 * dismissed or confirmed later), or confirmed as an event, which opens the event with the alert linked.
 */

export type VerificationOutcome = 'dismissed' | 'monitoring' | 'confirmed';
export type VerificationStatus = 'pending' | VerificationOutcome;

export interface Decision {
  readonly outcome: VerificationOutcome;
  readonly reason?: string | undefined;
  /** For a confirmation: the event's title (default: the alert's reason). */
  readonly eventTitle?: string | undefined;
  readonly actor: number;
  readonly now: Date;
}

const OPEN: readonly VerificationStatus[] = ['pending', 'monitoring'];

/** Returns the event opened by a confirmation. */
export async function decideVerification(
  pool: pg.Pool,
  id: number,
  decision: Decision,
): Promise<{ eventId: number | null }> {
  const reason = decision.reason?.trim() ?? '';
  if (decision.outcome === 'dismissed' && reason === '')
    throw new ApiError('invalid', 'response.reason-required', { field: 'reason' }, [
      { field: 'body.reason', reason: 'required to dismiss' },
    ]);
  return inTransaction(pool, async (client) => {
    const v = (
      await client.query<{
        status: VerificationStatus;
        alert_id: number;
        family: string;
        place_code: string;
        assigned_place_code: string;
        assigned_org_id: string | null;
        reason_zh: string;
      }>(
        `SELECT v.status, v.alert_id, a.family, a.place_code, v.assigned_place_code, v.assigned_org_id, a.reason_zh
           FROM verification v JOIN alert a ON a.id = v.alert_id WHERE v.id = $1 FOR UPDATE OF v`,
        [id],
      )
    ).rows[0];
    if (!v) throw new ApiError('not-found', 'verification.not-found', { id });
    if (!OPEN.includes(v.status) || (v.status === 'monitoring' && decision.outcome === 'monitoring'))
      throw new ApiError('conflict', 'verification.decided', { id, status: v.status, to: decision.outcome });
    let eventId: number | null = null;
    if (decision.outcome === 'confirmed') {
      eventId = await openEvent(client, {
        type: v.family,
        title: decision.eventTitle?.trim() || v.reason_zh,
        placeCode: v.place_code,
        alertIds: [v.alert_id],
        actor: decision.actor,
        now: decision.now,
        owner: { placeCode: v.assigned_place_code, orgId: v.assigned_org_id },
        details: { verificationId: id },
      });
      await appendTimeline(client, {
        eventId,
        at: decision.now,
        kind: 'verification-confirmed',
        actor: decision.actor,
        details: { verificationId: id, alertId: v.alert_id, reason },
      });
    }
    await client.query(
      `UPDATE verification SET status = $2, reason = $3, decided_by = $4, decided_at = $5,
          outcome_at = coalesce(outcome_at, $5), event_id = $6
        WHERE id = $1`,
      [id, decision.outcome, reason === '' ? null : reason, decision.actor, decision.now, eventId],
    );
    return { eventId };
  });
}
