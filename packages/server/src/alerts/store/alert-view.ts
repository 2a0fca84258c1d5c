import { ALERT_LEVELS, RULE_KINDS } from '@shaobing/engine';
import { z } from 'zod';

/** An alert as the API, the live stream and the webhooks show it (without its firings). */
export const alertView = z.object({
  id: z.number().int(),
  family: z.string().describe('disease key (cholera) or syndrome family (respiratory)'),
  placeCode: z.string(),
  placeName: z.string().nullable(),
  placeNameEn: z.string().nullable(),
  kind: z.enum(RULE_KINDS).describe('the kind of rule that decided the level'),
  level: z.enum(ALERT_LEVELS),
  status: z.enum(['open', 'closed']),
  closedReason: z.enum(['quiet', 'manual', 'retracted']).nullable(),
  public: z.boolean(),
  channels: z.array(z.string()),
  ruleIds: z.array(z.string()),
  periodStart: z.string().describe('data time the evidence covers'),
  periodEnd: z.string(),
  firstFiredAt: z.string(),
  lastFiredAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int().describe('+1 on every absorbed firing'),
  reason: z.object({ zh: z.string(), en: z.string() }),
  rulesVersion: z.string(),
});
export type AlertView = z.output<typeof alertView>;

export interface AlertRow {
  id: number;
  family: string;
  place_code: string;
  place_name: string | null;
  place_name_en: string | null;
  kind: AlertView['kind'];
  level: AlertView['level'];
  status: AlertView['status'];
  closed_reason: AlertView['closedReason'];
  public: boolean;
  channels: string[];
  rule_ids: string[];
  period_start: string;
  period_end: string;
  first_fired_at: string;
  last_fired_at: string;
  closed_at: string | null;
  version: number;
  reason_zh: string;
  reason_en: string;
  rules_version: string;
}

/** Timestamps as ISO 8601 in UTC, the same text whatever the server's time zone. */
export const ALERT_COLUMNS = `a.id, a.family, a.place_code, p.name AS place_name, p.name_en AS place_name_en, a.kind,
  a.level, a.status, a.closed_reason, a.public, a.channels, a.rule_ids, a.period_start, a.period_end,
  to_char(a.first_fired_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS first_fired_at,
  to_char(a.last_fired_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_fired_at,
  to_char(a.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS closed_at,
  a.version, a.reason_zh, a.reason_en, a.rules_version`;

export const ALERT_FROM = 'alert a LEFT JOIN place p ON p.code = a.place_code';

export const toAlertView = (r: AlertRow): AlertView => ({
  id: r.id,
  family: r.family,
  placeCode: r.place_code,
  placeName: r.place_name,
  placeNameEn: r.place_name_en,
  kind: r.kind,
  level: r.level,
  status: r.status,
  closedReason: r.closed_reason,
  public: r.public,
  channels: r.channels,
  ruleIds: r.rule_ids,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  firstFiredAt: r.first_fired_at,
  lastFiredAt: r.last_fired_at,
  closedAt: r.closed_at,
  version: r.version,
  reason: { zh: r.reason_zh, en: r.reason_en },
  rulesVersion: r.rules_version,
});
