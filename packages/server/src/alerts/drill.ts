import type pg from 'pg';

/**
 * For the drill harness: the alerts of a time window with when each first fired, on which channels, and
 * every firing after — so that the fused alert's delay and false alerts can be set beside each single
 * channel's. `by: 'fired'` selects alerts first fired in [from, to) (wall time); `by: 'data'` those whose
 * evidence covers data days in [from, to] ('YYYY-MM-DD').
 */

export interface DrillFiring {
  readonly ruleId: string;
  readonly kind: string;
  readonly level: string;
  readonly firedAt: string;
  /** When the data that fired it was committed (ingest batch or detection run), when known. */
  readonly dataCommittedAt: string | null;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly channels: readonly string[];
}

export interface DrillAlert {
  readonly id: number;
  readonly family: string;
  readonly placeCode: string;
  readonly level: string;
  readonly firstFiredAt: string;
  /** The first firing's kind, channels and data days: what raised the alert. */
  readonly firstKind: string;
  readonly firstChannels: readonly string[];
  readonly firstPeriodStart: string;
  readonly channels: readonly string[];
  readonly firings: readonly DrillFiring[];
}

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export async function alertsInWindow(
  pool: pg.Pool,
  window: { readonly from: string; readonly to: string; readonly by?: 'fired' | 'data' },
): Promise<DrillAlert[]> {
  const where =
    (window.by ?? 'fired') === 'fired'
      ? 'a.first_fired_at >= $1::timestamptz AND a.first_fired_at < $2::timestamptz'
      : 'a.period_end >= $1::date AND a.period_start <= $2::date';
  const rows = await pool.query<{
    id: number;
    family: string;
    place_code: string;
    level: string;
    first_fired_at: string;
    channels: string[];
    firings: {
      ruleId: string;
      kind: string;
      level: string;
      firedAt: string;
      dataCommittedAt: string | null;
      periodStart: string;
      periodEnd: string;
      channels: string[];
    }[];
  }>(
    `SELECT a.id, a.family, a.place_code, a.level, ${iso('a.first_fired_at')} AS first_fired_at, a.channels,
            (SELECT json_agg(json_build_object('ruleId', f.rule_id, 'kind', f.kind, 'level', f.level,
                     'firedAt', ${iso('f.fired_at')}, 'dataCommittedAt', ${iso('f.data_committed_at')},
                     'periodStart', f.period_start, 'periodEnd', f.period_end, 'channels', f.channels) ORDER BY f.id)
               FROM alert_firing f WHERE f.alert_id = a.id) AS firings
       FROM alert a WHERE ${where} ORDER BY a.first_fired_at, a.id`,
    [window.from, window.to],
  );
  return rows.rows.map((r) => {
    const first = r.firings[0];
    return {
      id: r.id,
      family: r.family,
      placeCode: r.place_code,
      level: r.level,
      firstFiredAt: r.first_fired_at,
      firstKind: first?.kind ?? '',
      firstChannels: first?.channels ?? [],
      firstPeriodStart: first?.periodStart ?? '',
      channels: r.channels,
      firings: r.firings,
    };
  });
}
