import type pg from 'pg';
import type { ChannelId } from '../../channels/channel-id.js';
import { channels } from '../../channels/channels.js';
import type { NotifiableDiseases } from '../../channels/notifiable-diseases.js';
import { addDays } from '../../series/periods.js';
import type { AlertConfig, ClusterRule } from '../config/schema.js';
import type { Names } from '../names.js';
import { bilingual } from '../reason.js';
import { bestWindow, type ClusterWindow } from './cluster-window.js';
import { caseCounts, seriesCounts } from './daily-counts.js';
import { MAX_MEMBERS } from './evidence.js';
import type { Trigger } from './trigger.js';

/**
 * Cluster rules (聚集性病例): at least N cases of one disease or syndrome at one school or facility, or in
 * one community, within D days — counted from the series the ingest keeps (a school's absences, a
 * community's report cards) or from the cases a single-case rule matched. Evaluated for the units and days
 * a committed batch touched; the N-th case fires, and every later case is absorbed by the open alert.
 */

/** A unit and day with new cases: `signal` for rules counting each signal apart, `family` for matched cases. */
export interface Touch {
  readonly unitId: string;
  readonly date: string;
  readonly group: string;
}

export interface ClusterContext {
  readonly pool: pg.Pool;
  readonly config: AlertConfig;
  readonly names: Names;
  readonly diseases: NotifiableDiseases;
  readonly committedAt?: number | undefined;
}

interface Found {
  readonly unitId: string;
  /** The signal (each), the family (matched cases) or '' (sum). */
  readonly group: string;
  readonly window: ClusterWindow;
}

export async function clusterTriggers(
  rule: ClusterRule,
  touches: readonly Touch[],
  context: ClusterContext,
): Promise<Trigger[]> {
  if (touches.length === 0) return [];
  const byGroup = new Map<string, { unitId: string; group: string; dates: Set<string> }>();
  for (const t of touches) {
    const key = `${t.unitId}|${t.group}`;
    const entry = byGroup.get(key) ?? { unitId: t.unitId, group: t.group, dates: new Set<string>() };
    entry.dates.add(t.date);
    byGroup.set(key, entry);
  }
  const dates = touches.map((t) => t.date).sort();
  const from = addDays(dates[0] as string, -(rule.days - 1));
  const to = addDays(dates[dates.length - 1] as string, rule.days - 1);
  const ids = [...new Set(touches.map((t) => t.unitId))];
  const source = rule.from;
  const counts =
    'cases' in source
      ? await caseCounts(context.pool, { ruleId: source.cases, unit: rule.unit, ids, from, to })
      : await seriesCounts(context.pool, {
          channel: source.channel,
          unit: rule.unit,
          ids,
          signals: source.signals,
          from,
          to,
          bySignal: source.combine === 'each',
        });
  const found: Found[] = [];
  for (const { unitId, group, dates: touched } of byGroup.values()) {
    const key = group === '' ? unitId : `${unitId}|${group}`;
    const window = bestWindow(counts.get(key) ?? new Map(), touched, rule.days, rule.measure);
    if (window && window.cases >= rule.minCases) found.push({ unitId, group, window });
  }
  if (found.length === 0) return [];
  const places = await unitPlaces(context.pool, rule.unit, found);
  await context.names.load({
    places: [...places.values()],
    facilities: rule.unit === 'facility' ? found.map((f) => f.unitId) : [],
  });
  const triggers: Trigger[] = [];
  for (const f of found) {
    const placeCode = places.get(f.unitId);
    if (placeCode === undefined) continue; // a facility removed from the city since its records came in
    triggers.push(await toTrigger(rule, f, placeCode, context));
  }
  return triggers;
}

async function unitPlaces(pool: pg.Pool, unit: 'facility' | 'community', found: readonly Found[]) {
  const ids = [...new Set(found.map((f) => f.unitId))];
  if (unit === 'community') return new Map(ids.map((id) => [id, id]));
  const rows = await pool.query<{ id: string; place_code: string }>(
    'SELECT id, place_code FROM facility WHERE id = ANY($1::text[])',
    [ids],
  );
  return new Map(rows.rows.map((r) => [r.id, r.place_code]));
}

async function members(rule: ClusterRule, f: Found, pool: pg.Pool): Promise<string[]> {
  const column = rule.unit === 'facility' ? 'facility_id' : 'place_code';
  const source = rule.from;
  if ('cases' in source) {
    const rows = await pool.query<{ record_key: string }>(
      `SELECT record_key FROM alert_case
        WHERE rule_id = $1 AND family = $2 AND ${column} = $3 AND event_date BETWEEN $4 AND $5
        ORDER BY event_date, record_key LIMIT ${MAX_MEMBERS}`,
      [source.cases, f.group, f.unitId, f.window.from, f.window.to],
    );
    return rows.rows.map((r) => r.record_key);
  }
  const table = channels[source.channel].table;
  const signals = source.combine === 'each' ? [f.group] : source.signals;
  const rows = await pool.query<{ record_key: string }>(
    `SELECT record_key FROM ${table}
      WHERE ${column} = $1 AND event_date BETWEEN $2 AND $3 AND active AND signals && $4::text[]
      ORDER BY event_date, record_key LIMIT ${MAX_MEMBERS}`,
    [f.unitId, f.window.from, f.window.to, signals],
  );
  return rows.rows.map((r) => r.record_key);
}

async function toTrigger(
  rule: ClusterRule,
  f: Found,
  placeCode: string,
  context: ClusterContext,
): Promise<Trigger> {
  const { names, diseases } = context;
  const source = rule.from;
  const family = rule.family ?? (f.group || rule.id);
  const channel: ChannelId = 'cases' in source ? caseChannel(context.config, source.cases) : source.channel;
  const signals = 'cases' in source ? [] : source.combine === 'each' ? [f.group] : source.signals;
  const { window } = f;
  const disease = diseases.on(family, window.to);
  const unitName = (language: 'zh-CN' | 'en') =>
    rule.unit === 'facility' ? names.facility(f.unitId, language) : names.place(f.unitId, language);
  return {
    rule,
    family,
    placeCode,
    key: `${rule.unit}:${f.unitId}:${f.group}:${window.to}:${window.cases}`,
    periodStart: window.from,
    periodEnd: window.to,
    channels: [channel],
    facts: {
      kind: 'cluster',
      family,
      diseaseClass: disease?.class,
      management: disease?.management,
      unknownCause: rule.unknownCause,
      channels: 1,
      cases: window.cases,
      growing: rule.growingAt !== undefined && window.cases >= rule.growingAt,
    },
    scope: { key: `${rule.unit}:${f.unitId}:${f.group}`, strength: window.cases },
    evidence: [
      {
        type: 'cluster',
        channel,
        signals,
        unit: rule.unit,
        unitId: f.unitId,
        placeCode,
        from: window.from,
        to: window.to,
        days: rule.days,
        cases: window.cases,
        minCases: rule.minCases,
        measure: rule.measure,
        daily: [...window.daily],
        members: await members(rule, f, context.pool),
      },
    ],
    reason: bilingual(
      rule.measure === 'peak' ? 'alert.reason.cluster-peak' : 'alert.reason.cluster',
      (language) => ({
        unit: unitName(language),
        family: names.family(family, language),
        cases: window.cases,
        from: window.from,
        to: window.to,
        date: window.daily.find((d) => d.count === window.cases)?.date ?? window.to,
        days: rule.days,
        min: rule.minCases,
      }),
    ),
    dataCommittedAt: context.committedAt,
  };
}

function caseChannel(config: AlertConfig, ruleId: string): ChannelId {
  const rule = config.rules.find((r) => r.id === ruleId);
  return rule?.kind === 'single-case' ? rule.match.channel : 'visit';
}
