import { levelRank, type AlertLevel } from '@shaobing/engine';
import type pg from 'pg';
import type { AlertEventType } from '../events.js';
import { ALERT_COLUMNS, ALERT_FROM, toAlertView, type AlertRow, type AlertView } from './alert-view.js';
import { LOCK_NAMESPACE, recordEvent } from './fire.js';

/**
 * The store's other write: firings whose evidence is gone are withdrawn (kept, with when and why), and each
 * open alert they belonged to is restated from the firings that still stand, in one transaction under the
 * same (family, place) lock as a firing:
 *   - none stands → the alert closes with closed_reason 'retracted' (event 'closed'; the CAP feed cancels it);
 *   - some stand → level, kind, reason, channels, rules and period are re-derived from them (event 'updated').
 *     The level is the highest of the standing firings', so it never rises here; it may fall, because a level
 *     that rested on withdrawn data would tell the responders of an outbreak the data no longer shows.
 */

export type WithdrawnReason = 'signals-retracted' | 'cases-withdrawn';

export interface Withdrawal {
  readonly firingId: number;
  readonly alertId: number;
  readonly reason: WithdrawnReason;
}

export interface Restated {
  readonly seq: number;
  readonly type: AlertEventType;
  readonly alert: AlertView;
}

interface StandingRow {
  id: number;
  kind: AlertView['kind'];
  level: AlertLevel;
  rule_id: string;
  channels: string[];
  period_start: string;
  period_end: string;
  reason_zh: string;
  reason_en: string;
}

export async function withdrawFirings(
  pool: pg.Pool,
  withdrawals: readonly Withdrawal[],
): Promise<Restated[]> {
  const byAlert = new Map<number, Withdrawal[]>();
  for (const w of withdrawals) byAlert.set(w.alertId, [...(byAlert.get(w.alertId) ?? []), w]);
  const restated: Restated[] = [];
  for (const [alertId, list] of byAlert) {
    const result = await restate(pool, alertId, list);
    if (result) restated.push(result);
  }
  return restated;
}

async function restate(
  pool: pg.Pool,
  alertId: number,
  list: readonly Withdrawal[],
): Promise<Restated | undefined> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const key = await client.query<{ family: string; place_code: string }>(
      'SELECT family, place_code FROM alert WHERE id = $1',
      [alertId],
    );
    const target = key.rows[0];
    if (!target) throw new Error(`alert ${alertId} does not exist`);
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      LOCK_NAMESPACE,
      `${target.family}|${target.place_code}`,
    ]);
    const open = await client.query(`SELECT 1 FROM alert WHERE id = $1 AND status = 'open' FOR UPDATE`, [
      alertId,
    ]);
    // Closed meanwhile (quiet, by hand): its record stays as it was.
    if (open.rowCount === 0) {
      await client.query('ROLLBACK');
      return undefined;
    }
    const marked = await client.query(
      `UPDATE alert_firing f SET withdrawn_at = now(), withdrawn_reason = w.reason
         FROM unnest($2::bigint[], $3::text[]) AS w(firing_id, reason)
        WHERE f.id = w.firing_id AND f.alert_id = $1 AND f.withdrawn_at IS NULL`,
      [alertId, list.map((w) => w.firingId), list.map((w) => w.reason)],
    );
    if (marked.rowCount === 0) {
      await client.query('ROLLBACK');
      return undefined;
    }
    const standing = (
      await client.query<StandingRow>(
        `SELECT id, kind, level, rule_id, channels, period_start, period_end, reason_zh, reason_en
           FROM alert_firing WHERE alert_id = $1 AND withdrawn_at IS NULL ORDER BY id`,
        [alertId],
      )
    ).rows;
    let type: AlertEventType;
    if (standing.length === 0) {
      await client.query(
        `UPDATE alert SET status = 'closed', closed_reason = 'retracted', closed_at = now(), version = version + 1
          WHERE id = $1`,
        [alertId],
      );
      type = 'closed';
    } else {
      const top = standing.reduce((a, b) => (levelRank(b.level) >= levelRank(a.level) ? b : a));
      const union = (pick: (r: StandingRow) => readonly string[]) =>
        [...new Set(standing.flatMap(pick))].sort();
      await client.query(
        `UPDATE alert SET level = $2, kind = $3, reason_zh = $4, reason_en = $5, channels = $6, rule_ids = $7,
                          period_start = $8, period_end = $9, version = version + 1
          WHERE id = $1`,
        [
          alertId,
          top.level,
          top.kind,
          top.reason_zh,
          top.reason_en,
          union((r) => r.channels),
          union((r) => [r.rule_id]),
          standing.map((r) => r.period_start).sort()[0],
          standing
            .map((r) => r.period_end)
            .sort()
            .at(-1),
        ],
      );
      type = 'updated';
    }
    const seq = await recordEvent(client, alertId, type);
    const view = await client.query<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE a.id = $1`, [
      alertId,
    ]);
    await client.query('COMMIT');
    return { seq, type, alert: toAlertView(view.rows[0] as AlertRow) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
