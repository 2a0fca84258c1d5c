import type pg from 'pg';
import { notifiableDiseases, type NotifiableDiseases } from '../channels/notifiable-diseases.js';
import type { AlertConfig } from '../alerts/config/schema.js';
import { cityDesk, dutyDesk } from '../response/organisations.js';
import { deadlineFor, type AlertFacts, type VerificationRules } from './deadline-rules.js';

/**
 * A new alert's verification: assigned to the duty desk of the district the alert falls in (else the city's),
 * due by the deadline table, with its reminders and its escalation to the city planned as notices that the
 * scheduler's tick carries out. Idempotent: an alert has one verification, whoever asks first.
 */

export interface AssignContext {
  readonly rules: VerificationRules;
  readonly alertConfig: AlertConfig;
  readonly diseases?: NotifiableDiseases;
}

interface AlertRow {
  id: number;
  family: string;
  place_code: string;
  rule_ids: string[];
  period_start: string;
}

export function alertFacts(alert: AlertRow, context: AssignContext): AlertFacts {
  const disease = (context.diseases ?? notifiableDiseases()).on(alert.family, alert.period_start);
  const unknownRules = new Set(
    context.alertConfig.rules.filter((r) => 'unknownCause' in r && r.unknownCause).map((r) => r.id),
  );
  return {
    family: alert.family,
    diseaseClass: disease?.class,
    management: disease?.management,
    unknownCause: alert.rule_ids.some((id) => unknownRules.has(id)),
  };
}

/** The verification's id, or undefined when the alert already has one (or does not exist). */
export async function assignVerification(
  pool: pg.Pool,
  alertId: number,
  now: Date,
  context: AssignContext,
): Promise<number | undefined> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const alert = (
      await client.query<AlertRow>(
        `SELECT a.id, a.family, a.place_code, a.rule_ids, a.period_start FROM alert a
          WHERE a.id = $1 AND NOT EXISTS (SELECT 1 FROM verification v WHERE v.alert_id = a.id)`,
        [alertId],
      )
    ).rows[0];
    if (!alert) {
      await client.query('ROLLBACK');
      return undefined;
    }
    const deadline = deadlineFor(context.rules, alertFacts(alert, context), now);
    const desk = await dutyDesk(client, alert.place_code);
    const inserted = await client.query<{ id: number }>(
      `INSERT INTO verification (alert_id, place_code, assigned_place_code, assigned_org_id, deadline_rule,
                                 assigned_at, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (alert_id) DO NOTHING RETURNING id`,
      [alert.id, alert.place_code, desk.placeCode, desk.orgId, deadline.rule, now, deadline.dueAt],
    );
    const id = inserted.rows[0]?.id;
    if (id === undefined) {
      await client.query('ROLLBACK');
      return undefined;
    }
    for (const reminder of deadline.reminders) {
      await client.query(
        `INSERT INTO response_notice (verification_id, kind, label, due_at, recipient_place_code, recipient_org_id)
         VALUES ($1, 'reminder', $2, $3, $4, $5)`,
        [id, reminder.id, reminder.at, desk.placeCode, desk.orgId],
      );
    }
    const city = await cityDesk(client, alert.place_code);
    await client.query(
      `INSERT INTO response_notice (verification_id, kind, label, due_at, recipient_place_code, recipient_org_id)
       VALUES ($1, 'escalation', 'deadline', $2, $3, $4)`,
      [id, deadline.dueAt, city.placeCode, city.orgId],
    );
    await client.query('COMMIT');
    return id;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Open alerts that have no verification yet (missed while the platform was down): the tick's catch-up. */
export async function unassignedAlerts(pool: pg.Pool, limit: number): Promise<number[]> {
  const rows = await pool.query<{ id: number }>(
    `SELECT a.id FROM alert a
      WHERE a.status = 'open' AND NOT EXISTS (SELECT 1 FROM verification v WHERE v.alert_id = a.id)
      ORDER BY a.id LIMIT $1`,
    [limit],
  );
  return rows.rows.map((r) => r.id);
}
