import type pg from 'pg';
import { likeLiteral } from '../city/page.js';

/**
 * The funnel of a period (Asia/Shanghai days `from`..`to`, inclusive) in a place's subtree: alarming
 * detection signals stored → alerts opened → alerts verified (any outcome) → alerts confirmed as events, and
 * the timeliness of verification (hours from assignment to the first outcome: median, 90th percentile, and
 * the share decided within the deadline among verifications decided or already due at `now`). An alert
 * retracted before anyone verified it (its evidence withdrawn) is not counted as overdue.
 */

export interface Funnel {
  readonly from: string;
  readonly to: string;
  readonly place: string;
  readonly signals: number;
  readonly alerts: number;
  readonly verified: number;
  readonly events: number;
  readonly timeliness: {
    readonly medianHours: number | null;
    readonly p90Hours: number | null;
    /** Decided by the deadline ÷ (decided + still pending past the deadline); null when none is due. */
    readonly withinDeadline: number | null;
    readonly pendingOverdue: number;
  };
}

const DAY_IN_SHANGHAI = (column: string) => `(${column} AT TIME ZONE 'Asia/Shanghai')::date`;

export async function funnel(
  pool: pg.Pool,
  from: string,
  to: string,
  place: string,
  now: Date,
): Promise<Funnel> {
  const scope = likeLiteral(place);
  const signals = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM detection_signal
      WHERE alarm AND place_code LIKE $1 || '%' AND ${DAY_IN_SHANGHAI('created_at')} BETWEEN $2 AND $3`,
    [scope, from, to],
  );
  const rest = await pool.query<{
    alerts: number;
    verified: number;
    events: number;
    median: number | null;
    p90: number | null;
    in_time: number;
    due: number;
    pending_overdue: number;
  }>(
    `WITH a AS (
       SELECT a.id, v.status, v.assigned_at, v.due_at, v.outcome_at,
              a.closed_reason IS NOT DISTINCT FROM 'retracted' AS retracted
         FROM alert a LEFT JOIN verification v ON v.alert_id = a.id
        WHERE a.place_code LIKE $1 || '%' AND ${DAY_IN_SHANGHAI('a.first_fired_at')} BETWEEN $2 AND $3
     )
     SELECT count(*)::int AS alerts,
            count(*) FILTER (WHERE outcome_at IS NOT NULL)::int AS verified,
            count(*) FILTER (WHERE status = 'confirmed')::int AS events,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM outcome_at - assigned_at) / 3600)
              FILTER (WHERE outcome_at IS NOT NULL) AS median,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM outcome_at - assigned_at) / 3600)
              FILTER (WHERE outcome_at IS NOT NULL) AS p90,
            count(*) FILTER (WHERE outcome_at <= due_at)::int AS in_time,
            count(*) FILTER (WHERE outcome_at IS NOT NULL OR (due_at <= $4 AND NOT retracted))::int AS due,
            count(*) FILTER (WHERE outcome_at IS NULL AND due_at <= $4 AND NOT retracted)::int AS pending_overdue
       FROM a`,
    [scope, from, to, now],
  );
  const r = rest.rows[0];
  const round = (x: number | null | undefined) =>
    x === null || x === undefined ? null : Math.round(x * 100) / 100;
  return {
    from,
    to,
    place,
    signals: signals.rows[0]?.n ?? 0,
    alerts: r?.alerts ?? 0,
    verified: r?.verified ?? 0,
    events: r?.events ?? 0,
    timeliness: {
      medianHours: round(r?.median),
      p90Hours: round(r?.p90),
      withinDeadline: r && r.due > 0 ? Math.round((r.in_time / r.due) * 1000) / 1000 : null,
      pendingOverdue: r?.pending_overdue ?? 0,
    },
  };
}
