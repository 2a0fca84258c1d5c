import type pg from 'pg';
import { z } from 'zod';
import { CHANNEL_IDS, isChannelId } from '../../channels/channel-id.js';
import { querySeries } from '../../series/query-series.js';
import { addDays } from '../../series/periods.js';
import { evidenceItem, type EvidenceItem } from '../rules/evidence.js';
import { ALERT_COLUMNS, ALERT_FROM, alertView, toAlertView, type AlertRow } from './alert-view.js';

/**
 * One alert with everything that shows why it fired: each firing (rule, level, reason in both languages,
 * evidence), the series behind the evidence around the time (28 days before to 7 after), and the series of
 * the alert's zone that a detection method could not evaluate, with the method's reason.
 */

const firing = z.object({
  id: z.number().int(),
  ruleId: z.string(),
  kind: z.string(),
  level: z.string(),
  firedAt: z.string(),
  dataCommittedAt: z.string().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  channels: z.array(z.string()),
  reason: z.object({ zh: z.string(), en: z.string() }),
  rulesVersion: z.string(),
  withdrawn: z
    .object({ at: z.string(), reason: z.enum(['signals-retracted', 'cases-withdrawn']) })
    .nullable()
    .describe(
      'its evidence was taken back (signals retracted, cases withdrawn or corrected): it no longer counts',
    ),
  evidence: z.array(evidenceItem),
});

const seriesAround = z.object({
  channel: z.enum(CHANNEL_IDS),
  signal: z.string(),
  placeCode: z.string().nullable(),
  facilityId: z.string().nullable(),
  points: z.array(z.object({ day: z.string(), count: z.number().nullable() })),
});

const notEvaluated = z.object({
  channel: z.string(),
  signal: z.string(),
  placeCode: z.string(),
  period: z.string(),
  method: z.string(),
  field: z.string(),
  reason: z.string(),
  runId: z.number().int(),
});

export const alertDetail = z.object({
  alert: alertView,
  firings: z.array(firing),
  series: z.array(seriesAround),
  notEvaluated: z
    .array(notEvaluated)
    .describe('series of the zone a method could not be applied to, and why'),
});
export type AlertDetail = z.output<typeof alertDetail>;

const MAX_SERIES = 12;
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export async function readAlertDetail(
  pool: pg.Pool,
  id: number,
  today: string,
): Promise<AlertDetail | undefined> {
  const found = await pool.query<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE a.id = $1`, [
    id,
  ]);
  const row = found.rows[0];
  if (!row) return undefined;
  const firings = await pool.query<{
    id: number;
    rule_id: string;
    kind: string;
    level: string;
    fired_at: string;
    data_committed_at: string | null;
    period_start: string;
    period_end: string;
    channels: string[];
    reason_zh: string;
    reason_en: string;
    rules_version: string;
    withdrawn_at: string | null;
    withdrawn_reason: 'signals-retracted' | 'cases-withdrawn' | null;
    evidence: EvidenceItem[];
  }>(
    `SELECT id, rule_id, kind, level, ${iso('fired_at')} AS fired_at, ${iso('data_committed_at')} AS data_committed_at,
            period_start, period_end, channels, reason_zh, reason_en, rules_version, ${iso('withdrawn_at')} AS withdrawn_at,
            withdrawn_reason, evidence
       FROM alert_firing WHERE alert_id = $1 ORDER BY id`,
    [id],
  );
  const items = firings.rows.flatMap((f) => f.evidence);
  return {
    alert: toAlertView(row),
    firings: firings.rows.map((f) => ({
      id: f.id,
      ruleId: f.rule_id,
      kind: f.kind,
      level: f.level,
      firedAt: f.fired_at,
      dataCommittedAt: f.data_committed_at,
      periodStart: f.period_start,
      periodEnd: f.period_end,
      channels: f.channels,
      reason: { zh: f.reason_zh, en: f.reason_en },
      rulesVersion: f.rules_version,
      withdrawn:
        f.withdrawn_at && f.withdrawn_reason ? { at: f.withdrawn_at, reason: f.withdrawn_reason } : null,
      evidence: f.evidence,
    })),
    series: await seriesAroundEvidence(pool, items, today),
    notEvaluated: await notEvaluatedInZone(pool, items),
  };
}

interface SeriesKey {
  channel: string;
  signal: string;
  placeCode: string | null;
  facilityId: string | null;
  from: string;
  to: string;
}

function seriesOf(item: EvidenceItem): SeriesKey[] {
  switch (item.type) {
    case 'signal':
      return [{ ...item, facilityId: null, from: item.periodStart, to: item.periodStart }];
    case 'record':
      return item.disease
        ? [
            {
              channel: item.channel,
              signal: item.disease,
              placeCode: item.placeCode,
              facilityId: null,
              from: item.eventDate,
              to: item.eventDate,
            },
          ]
        : [];
    case 'cluster':
      return item.signals.map((signal) => ({
        channel: item.channel,
        signal,
        placeCode: item.unit === 'community' ? item.unitId : null,
        facilityId: item.unit === 'facility' ? item.unitId : null,
        from: item.from,
        to: item.to,
      }));
    case 'concordance':
      return [];
  }
}

async function seriesAroundEvidence(pool: pg.Pool, items: readonly EvidenceItem[], today: string) {
  const wanted = new Map<string, SeriesKey>();
  for (const key of items.flatMap(seriesOf)) {
    const id = `${key.channel}|${key.signal}|${key.placeCode}|${key.facilityId}`;
    const seen = wanted.get(id);
    wanted.set(
      id,
      seen
        ? {
            ...seen,
            from: seen.from < key.from ? seen.from : key.from,
            to: seen.to > key.to ? seen.to : key.to,
          }
        : key,
    );
  }
  const result: z.output<typeof seriesAround>[] = [];
  for (const key of [...wanted.values()].slice(0, MAX_SERIES)) {
    if (!isChannelId(key.channel)) continue;
    const last = addDays(key.to, 7) < today ? addDays(key.to, 7) : today;
    const periods: string[] = [];
    for (let day = addDays(key.from, -28); day <= last; day = addDays(day, 1)) periods.push(day);
    const points = await querySeries(pool, {
      channel: key.channel,
      signal: key.signal,
      place: key.placeCode ?? undefined,
      facility: key.facilityId ?? undefined,
      interval: 'day',
      periods,
    });
    result.push({
      channel: key.channel,
      signal: key.signal,
      placeCode: key.placeCode,
      facilityId: key.facilityId,
      points: points.map((p) => ({ day: p.period, count: p.count })),
    });
  }
  return result;
}

async function notEvaluatedInZone(pool: pg.Pool, items: readonly EvidenceItem[]) {
  const places = new Set<string>();
  const channels = new Set<string>();
  for (const item of items) {
    if (item.type === 'concordance') {
      item.zone.forEach((p) => places.add(p));
      item.channels.forEach((c) => channels.add(c.channel));
    }
    if (item.type === 'signal') {
      places.add(item.placeCode);
      channels.add(item.channel);
    }
  }
  if (places.size === 0) return [];
  const rows = await pool.query<{
    channel: string;
    signal: string;
    place_code: string;
    period: string;
    method: string;
    field: string;
    reason: string;
    run_id: number;
  }>(
    `SELECT DISTINCT ON (channel, signal, place_code, period, rule_id)
            channel, signal, place_code, period, method, field, reason, run_id
       FROM detection_not_evaluated
      WHERE place_code = ANY($1::text[]) AND channel = ANY($2::text[])
      ORDER BY channel, signal, place_code, period, rule_id, run_id DESC
      LIMIT 100`,
    [[...places], [...channels]],
  );
  return rows.rows.map((r) => ({
    channel: r.channel,
    signal: r.signal,
    placeCode: r.place_code,
    period: r.period,
    method: r.method,
    field: r.field,
    reason: r.reason,
    runId: r.run_id,
  }));
}
