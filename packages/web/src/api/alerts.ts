import { api, type Page } from './http';

/** Alerts (预警): the list, one alert with its evidence, the rules in force. Mirrors src/alerts/store. */

export const LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export type AlertLevel = (typeof LEVELS)[number];

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export interface Alert {
  readonly id: number;
  readonly family: string;
  readonly placeCode: string;
  readonly placeName: string | null;
  readonly placeNameEn: string | null;
  readonly kind: string;
  readonly level: AlertLevel;
  readonly status: 'open' | 'closed';
  readonly closedReason: 'quiet' | 'manual' | null;
  readonly public: boolean;
  readonly channels: string[];
  readonly ruleIds: string[];
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly firstFiredAt: string;
  readonly lastFiredAt: string;
  readonly closedAt: string | null;
  readonly version: number;
  readonly reason: Bilingual;
  readonly rulesVersion: string;
}

export interface SignalEvidence {
  readonly type: 'signal';
  readonly signalId: number;
  readonly channel: string;
  readonly signal: string;
  readonly placeCode: string;
  readonly period: 'day' | 'week';
  readonly periodStart: string;
  readonly method: string;
  readonly ruleKey: string;
  readonly observed: number;
  readonly expected: number | null;
  readonly upperbound: number | null;
  readonly score: number | null;
  readonly pvalue: number | null;
  readonly level: number | null;
}
export interface RecordEvidence {
  readonly type: 'record';
  readonly channel: string;
  readonly recordKey: string;
  readonly facilityId: string | null;
  readonly placeCode: string;
  readonly eventDate: string;
  readonly disease: string | null;
  readonly diseaseClass: string | null;
  readonly classification: string | null;
}
export interface ClusterEvidence {
  readonly type: 'cluster';
  readonly channel: string;
  readonly signals: string[];
  readonly unit: 'facility' | 'community';
  readonly unitId: string;
  readonly placeCode: string;
  readonly from: string;
  readonly to: string;
  readonly days: number;
  readonly cases: number;
  readonly minCases: number;
  readonly measure: 'sum' | 'peak';
  readonly daily: { date: string; count: number }[];
}
export interface ConcordanceEvidence {
  readonly type: 'concordance';
  readonly family: string;
  readonly centre: string;
  readonly zone: string[];
  readonly from: string;
  readonly to: string;
  readonly minChannels: number;
  readonly fusedP: number;
  readonly fusedAlpha: number;
  readonly channels: {
    channel: string;
    pMin: number | null;
    series: number;
    p: number | null;
    agrees: boolean;
  }[];
}
export type Evidence = SignalEvidence | RecordEvidence | ClusterEvidence | ConcordanceEvidence;

export interface Firing {
  readonly id: number;
  readonly ruleId: string;
  readonly kind: string;
  readonly level: string;
  readonly firedAt: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly channels: string[];
  readonly reason: Bilingual;
  readonly evidence: Evidence[];
}

export interface SeriesAround {
  readonly channel: string;
  readonly signal: string;
  readonly placeCode: string | null;
  readonly facilityId: string | null;
  readonly points: { day: string; count: number | null }[];
}

export interface AlertDetail {
  readonly alert: Alert;
  readonly firings: Firing[];
  readonly series: SeriesAround[];
  readonly notEvaluated: {
    channel: string;
    signal: string;
    placeCode: string;
    period: string;
    method: string;
    field: string;
    reason: string;
  }[];
}

export interface AlertRule {
  readonly id: string;
  readonly kind: string;
  readonly name: Bilingual;
  readonly enabled: boolean;
  readonly public: boolean;
}
export interface AlertRules {
  readonly version: string;
  readonly rules: AlertRule[];
  readonly families: Record<
    string,
    { readonly name: Bilingual; readonly members: { channel: string; signals: string[] }[] }
  >;
}

export interface AlertQuery {
  readonly status?: 'open' | 'closed';
  readonly minLevel?: AlertLevel;
  readonly place?: string;
  readonly public?: boolean;
  readonly limit?: number;
  readonly cursor?: string;
}

export const listAlerts = (query: AlertQuery) =>
  api<Page<Alert>>('/api/v1/alerts', { query: { limit: 200, ...query } });
export const getAlert = (id: number) => api<AlertDetail>(`/api/v1/alerts/${id}`);

let rulesOnce: Promise<AlertRules> | undefined;
export function getAlertRules(): Promise<AlertRules> {
  rulesOnce ??= api<AlertRules>('/api/v1/alerts/rules');
  return rulesOnce;
}

export const levelRank = (level: AlertLevel | null | undefined) => (level ? LEVELS.indexOf(level) + 1 : 0);

/** The highest open level per district (6-digit code), from a list of alerts at any place level. */
export function highestLevelByDistrict(alerts: readonly Alert[]): Map<string, AlertLevel> {
  const byDistrict = new Map<string, AlertLevel>();
  for (const alert of alerts) {
    if (alert.status !== 'open' || alert.placeCode.length < 6) continue;
    const district = alert.placeCode.slice(0, 6);
    const seen = byDistrict.get(district);
    if (levelRank(alert.level) > levelRank(seen)) byDistrict.set(district, alert.level);
  }
  return byDistrict;
}
