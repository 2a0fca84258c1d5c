import { api, type Page } from './http';

/** Count series (/api/v1/series), stored signals (/api/v1/signals) and the detection configuration. */

export const CHANNELS = [
  'visit',
  'report-card',
  'pharmacy',
  'school',
  'lab',
  'hotline',
  'opinion',
  'wastewater',
] as const;
export type Channel = (typeof CHANNELS)[number];

export interface SeriesPoint {
  readonly period: string;
  readonly count: number | null;
  readonly records: number | null;
  readonly completeness?: { reported: number; expected: number; ratio: number | null };
}
export interface SeriesPage {
  readonly channel: string;
  readonly signal: string;
  readonly place: string | null;
  readonly interval: 'day' | 'week';
  readonly from: string;
  readonly to: string;
  readonly points: SeriesPoint[];
  readonly next: string | null;
}
export interface SeriesQuery {
  readonly channel: string;
  readonly signal: string;
  readonly place?: string;
  readonly facility?: string;
  readonly interval: 'day' | 'week';
  readonly from?: string;
  readonly to?: string;
}

/** The whole range, following `next` (a page holds at most 5000 periods). */
export async function getSeries(query: SeriesQuery): Promise<SeriesPage> {
  let page = await api<SeriesPage>('/api/v1/series', { query: { ...query, limit: 5000 } });
  const points = [...page.points];
  while (page.next) {
    page = await api<SeriesPage>('/api/v1/series', { query: { ...query, limit: 5000, cursor: page.next } });
    points.push(...page.points);
  }
  return { ...page, points };
}

export interface StoredSignal {
  readonly id: number;
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
  readonly pvalue: number | null;
  readonly alarm: boolean;
}
export const listSignals = (query: {
  channel?: string;
  signal?: string;
  place?: string;
  period?: 'day' | 'week';
  from?: string;
  to?: string;
}) => api<Page<StoredSignal>>('/api/v1/signals', { query: { ...query, limit: 1000 } });

export interface DetectionRule {
  readonly id: number;
  readonly key: string;
  readonly channel: string;
  readonly signals: string[] | null;
  readonly placeLevels: string[];
  readonly period: 'day' | 'week';
  readonly method: string;
  readonly control: Record<string, unknown>;
  readonly lookback: number;
  readonly history: number | null;
  readonly description: string;
}
export interface DetectionConfig {
  readonly version: number;
  readonly rules: DetectionRule[];
}
let configOnce: Promise<DetectionConfig> | undefined;
export function getDetectionConfig(): Promise<DetectionConfig> {
  configOnce ??= api<DetectionConfig>('/api/v1/detection/config');
  return configOnce;
}
