import { evaluateLevel, levelRank, type AlertLevel } from '@shaobing/engine';
import type pg from 'pg';
import { addDays } from '../../series/periods.js';
import type { AlertConfig } from '../config/schema.js';
import { translate } from '../../i18n/messages.js';
import type { AlertEventType } from '../events.js';
import type { Trigger } from '../rules/trigger.js';
import { ALERT_COLUMNS, ALERT_FROM, toAlertView, type AlertRow, type AlertView } from './alert-view.js';

/**
 * The alert store's one write: a rule fired. In one transaction, under a lock on (family, place):
 *   1. the same firing stored before (rule, key) → nothing;
 *   2. an open alert for the family and place that has been quiet for `quietDays` of data time → closed;
 *   3. the open alert absorbs the firing — its level rises to the firing's if higher, never falls here (only a
 *      retraction lowers it: retract.ts) — unless a firing of the same rule and scope at least as strong is
 *      already in it; else a new alert opens;
 *   4. the change is an `alert_event` (the stream's event id) with one webhook delivery per subscription
 *      at or below its level (the outbox), and a NOTIFY for listeners in other processes.
 */

/** Advisory-lock namespace of the alert store, beside the migration, city and ingest locks (7_415_26x). */
export const LOCK_NAMESPACE = 7_415_270;

export interface Fired {
  readonly seq: number;
  readonly type: AlertEventType;
  readonly alert: AlertView;
  /** An alert closed as quiet to make room for this one. */
  readonly closed?: { readonly seq: number; readonly alert: AlertView } | undefined;
}

interface OpenRow {
  id: number;
  level: AlertLevel;
  period_end: string;
}

export async function fireTrigger(
  pool: pg.Pool,
  config: AlertConfig,
  trigger: Trigger,
): Promise<Fired | undefined> {
  const decision = evaluateLevel(config.levelTable, trigger.facts);
  const level = decision.level;
  const label = decision.row === undefined ? undefined : config.levelTable.rows[decision.row]?.label;
  const reason = {
    zh: `${trigger.reason.zh}${label ? translate('alert.reason.level', 'zh-CN', { level: config.levels[level].name.zh, label: label.zh }) : ''}`,
    en: `${trigger.reason.en} ${label ? translate('alert.reason.level', 'en', { level: config.levels[level].name.en, label: label.en }) : ''}`.trim(),
  };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      LOCK_NAMESPACE,
      `${trigger.family}|${trigger.placeCode}`,
    ]);
    // A withdrawn firing counts as seen too: its data raised again later is a new firing only once its key differs.
    const seen = await client.query('SELECT 1 FROM alert_firing WHERE rule_id = $1 AND firing_key = $2', [
      trigger.rule.id,
      trigger.key,
    ]);
    if (seen.rowCount !== 0) {
      await client.query('ROLLBACK');
      return undefined;
    }
    let open = (
      await client.query<OpenRow>(
        `SELECT id, level, period_end FROM alert WHERE family = $1 AND place_code = $2 AND status = 'open' FOR UPDATE`,
        [trigger.family, trigger.placeCode],
      )
    ).rows[0];
    let closed: { seq: number; id: number } | undefined;
    if (open && trigger.periodStart > addDays(open.period_end, config.quietDays)) {
      await client.query(
        `UPDATE alert SET status = 'closed', closed_reason = 'quiet', closed_at = now(), version = version + 1
          WHERE id = $1`,
        [open.id],
      );
      closed = { id: open.id, seq: await recordEvent(client, open.id, 'closed') };
      open = undefined;
    }
    if (open && trigger.scope) {
      const stronger = await client.query(
        `SELECT 1 FROM alert_firing WHERE alert_id = $1 AND rule_id = $2 AND facts->>'scope' = $3
            AND (facts->>'strength')::float8 >= $4 AND withdrawn_at IS NULL LIMIT 1`,
        [open.id, trigger.rule.id, trigger.scope.key, trigger.scope.strength],
      );
      if (stronger.rowCount !== 0) {
        // Nothing new; keep a quiet-closure made above (none: `open` would be undefined).
        await client.query('COMMIT');
        return undefined;
      }
    }
    let alertId: number;
    let type: AlertEventType;
    if (!open) {
      const inserted = await client.query<{ id: number }>(
        `INSERT INTO alert (family, place_code, kind, level, public, channels, rule_ids, period_start, period_end,
                            reason_zh, reason_en, rules_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          trigger.family,
          trigger.placeCode,
          trigger.rule.kind,
          level,
          trigger.rule.public,
          [...new Set(trigger.channels)].sort(),
          [trigger.rule.id],
          trigger.periodStart,
          trigger.periodEnd,
          reason.zh,
          reason.en,
          config.version,
        ],
      );
      alertId = inserted.rows[0]?.id as number;
      type = 'opened';
    } else {
      const raised = levelRank(level) > levelRank(open.level);
      // The reason follows the latest firing at the alert's level: the highest level's newest numbers.
      const restate = levelRank(level) >= levelRank(open.level);
      await client.query(
        `UPDATE alert SET
           level = CASE WHEN $2 THEN $3 ELSE level END,
           kind = CASE WHEN $4 THEN $5 ELSE kind END,
           reason_zh = CASE WHEN $4 THEN $6 ELSE reason_zh END,
           reason_en = CASE WHEN $4 THEN $7 ELSE reason_en END,
           channels = ARRAY(SELECT DISTINCT c FROM unnest(channels || $8::text[]) AS c ORDER BY c),
           rule_ids = ARRAY(SELECT DISTINCT r FROM unnest(rule_ids || ARRAY[$9::text]) AS r ORDER BY r),
           period_start = LEAST(period_start, $10::date),
           period_end = GREATEST(period_end, $11::date),
           public = public OR $12,
           last_fired_at = now(),
           version = version + 1,
           rules_version = $13
         WHERE id = $1`,
        [
          open.id,
          raised,
          level,
          restate,
          trigger.rule.kind,
          reason.zh,
          reason.en,
          [...trigger.channels],
          trigger.rule.id,
          trigger.periodStart,
          trigger.periodEnd,
          trigger.rule.public,
          config.version,
        ],
      );
      alertId = open.id;
      type = raised ? 'raised' : 'updated';
    }
    await client.query(
      `INSERT INTO alert_firing (alert_id, rule_id, kind, firing_key, level, level_row, data_committed_at,
                                 period_start, period_end, channels, facts, evidence, reason_zh, reason_en,
                                 rules_version)
       VALUES ($1, $2, $3, $4, $5, $6, to_timestamp($7::float8 / 1000), $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        alertId,
        trigger.rule.id,
        trigger.rule.kind,
        trigger.key,
        level,
        decision.row ?? null,
        trigger.dataCommittedAt ?? null,
        trigger.periodStart,
        trigger.periodEnd,
        [...new Set(trigger.channels)].sort(),
        JSON.stringify({ ...trigger.facts, scope: trigger.scope?.key, strength: trigger.scope?.strength }),
        JSON.stringify(trigger.evidence),
        reason.zh,
        reason.en,
        config.version,
      ],
    );
    const seq = await recordEvent(client, alertId, type);
    const views = await client.query<AlertRow>(
      `SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE a.id = ANY($1::bigint[])`,
      [closed ? [alertId, closed.id] : [alertId]],
    );
    await client.query('COMMIT');
    const view = (id: number) => toAlertView(views.rows.find((r) => r.id === id) as AlertRow);
    return {
      seq,
      type,
      alert: view(alertId),
      closed: closed ? { seq: closed.seq, alert: view(closed.id) } : undefined,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** The event, its webhook deliveries (subscriptions whose minimum level it reaches) and the NOTIFY. */
export async function recordEvent(
  client: pg.PoolClient,
  alertId: number,
  type: AlertEventType,
): Promise<number> {
  const event = await client.query<{ seq: number }>(
    `INSERT INTO alert_event (alert_id, type, version, level)
     SELECT id, $2, version, level FROM alert WHERE id = $1 RETURNING seq`,
    [alertId, type],
  );
  const seq = event.rows[0]?.seq as number;
  await client.query(
    `INSERT INTO webhook_delivery (subscription_id, event_seq)
     SELECT s.id, e.seq FROM webhook_subscription s, alert_event e
      WHERE e.seq = $1 AND s.active
        AND array_position(ARRAY['blue', 'yellow', 'orange', 'red'], e.level)
            >= array_position(ARRAY['blue', 'yellow', 'orange', 'red'], s.min_level)`,
    [seq],
  );
  await client.query("SELECT pg_notify('shaobing_alert', $1)", [String(seq)]);
  return seq;
}
