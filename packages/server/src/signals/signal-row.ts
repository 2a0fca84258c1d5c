import type { DetectionSignal } from './events.js';

/** A `detection_signal` row as read, and its conversion to the shared type. */

/** An instant as ISO 8601 UTC text ('2024-01-05T08:30:00.000Z'). */
export const isoInstant = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const SIGNAL_COLUMNS = `id, channel, signal, place_code, period, period_start, method, rule_id, rule_key, rule_revision,
  config_version, observed, expected, upperbound, score, pvalue, level, alarm, ${isoInstant('created_at')} AS created_at, run_id,
  ${isoInstant('retracted_at')} AS retracted_at, retracted_reason`;

export interface SignalRow {
  id: number;
  channel: string;
  signal: string;
  place_code: string;
  period: 'day' | 'week';
  period_start: string;
  method: string;
  rule_id: number;
  rule_key: string;
  rule_revision: number;
  config_version: number;
  observed: number;
  expected: number | null;
  upperbound: number | null;
  score: number | null;
  pvalue: number | null;
  level: number | null;
  alarm: boolean;
  created_at: string;
  run_id: number;
  retracted_at: string | null;
  retracted_reason: 'no-longer-alarms' | null;
}

export const signalOf = (r: SignalRow): DetectionSignal => ({
  id: r.id,
  channel: r.channel,
  signal: r.signal,
  placeCode: r.place_code,
  period: r.period,
  periodStart: r.period_start,
  method: r.method,
  ruleId: r.rule_id,
  ruleKey: r.rule_key,
  ruleRevision: r.rule_revision,
  configVersion: r.config_version,
  observed: r.observed,
  expected: r.expected,
  upperbound: r.upperbound,
  score: r.score,
  pvalue: r.pvalue,
  level: r.level === 1 || r.level === 2 ? r.level : null,
  alarm: r.alarm,
  createdAt: r.created_at,
  runId: r.run_id,
  retractedAt: r.retracted_at,
  retractedReason: r.retracted_reason,
});
