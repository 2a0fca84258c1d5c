import type pg from 'pg';
import { isoWeekStart } from '../../channels/time.js';
import { addDays } from '../../series/periods.js';
import type { DetectionSignal } from '../../signals/events.js';
import { SIGNAL_COLUMNS, signalOf, type SignalRow } from '../../signals/signal-row.js';
import type { AlertConfig, ConcordanceRule, Family } from '../config/schema.js';
import type { Names } from '../names.js';
import { bilingual, formatP } from '../reason.js';
import {
  isEvidence,
  judgeZone,
  selectStrongest,
  type Judged,
  type PresentSeries,
  type Zone,
} from './concordance-zone.js';
import type { EvidenceItem } from './evidence.js';
import { neighboursOf } from './neighbourhood.js';
import { periodEndOf, signalEvidence } from './statistical.js';
import type { Trigger } from './trigger.js';

/**
 * The concordance rule (多点触发): for a syndrome family, signals from several distinct channels in one place
 * and its neighbours within a window of days. Each new evidence signal (alarming, with a p-value at the
 * relaxed level) proposes zones — centred on its place and on each neighbour, ending on its day — and each
 * zone is judged by the engine (fusion/concordance.ts: Šidák per channel, Zaykin's truncated product across
 * channels). Zones that fire and share evidence are reduced to the strongest, so one outbreak on a border
 * raises one alert, not one per district around it.
 */

export interface ConcordanceContext {
  readonly pool: pg.Pool;
  readonly config: AlertConfig;
  readonly names: Names;
  readonly committedAt?: number | undefined;
}

const inFamily = (family: Family, channel: string, signal: string) =>
  family.members.some((m) => m.channel === channel && m.signals.includes(signal));

export async function concordanceTriggers(
  rule: ConcordanceRule,
  signals: readonly DetectionSignal[],
  context: ConcordanceContext,
): Promise<Trigger[]> {
  const { pool, config } = context;
  const fresh = signals.filter((s) => isEvidence(rule, s));
  if (fresh.length === 0) return [];
  const neighbours = new Map<string, string[]>();
  if (rule.neighbours) {
    for (const [code, list] of await neighboursOf(pool, [...new Set(fresh.map((s) => s.placeCode))])) {
      neighbours.set(code, list);
    }
    const centres = [...new Set([...neighbours.values()].flat())].filter((c) => !neighbours.has(c));
    for (const [code, list] of await neighboursOf(pool, centres)) neighbours.set(code, list);
  }
  const zones = new Map<string, Zone>();
  for (const s of fresh) {
    for (const family of rule.families) {
      if (!inFamily(config.families[family] as Family, s.channel, s.signal)) continue;
      const anchor = periodEndOf(s);
      for (const centre of [s.placeCode, ...(neighbours.get(s.placeCode) ?? [])]) {
        const places = [centre, ...(neighbours.get(centre) ?? [])];
        zones.set(`${family}|${centre}|${anchor}`, { family, centre, places, anchor });
      }
    }
  }
  const chosen = selectStrongest(await judgeZones(rule, [...zones.values()], context));
  await context.names.load({ places: chosen.map((j) => j.zone.centre) });
  return chosen.map((j) => toTrigger(rule, j, context));
}

async function judgeZones(rule: ConcordanceRule, zones: readonly Zone[], context: ConcordanceContext) {
  if (zones.length === 0) return [];
  const { pool, config } = context;
  const places = [...new Set(zones.flatMap((z) => z.places))];
  const anchors = zones.map((z) => z.anchor).sort();
  const first = addDays(anchors[0] as string, -(rule.windowDays - 1));
  const last = anchors[anchors.length - 1] as string;
  const channels = [
    ...new Set(rule.families.flatMap((f) => (config.families[f] as Family).members.map((m) => m.channel))),
  ];
  const stored = await pool.query<SignalRow>(
    `SELECT ${SIGNAL_COLUMNS} FROM detection_signal
      WHERE alarm AND pvalue IS NOT NULL AND pvalue <= $1 AND place_code = ANY($2::text[])
        AND channel = ANY($3::text[]) AND period_start BETWEEN $4 AND $5`,
    [rule.evidence.maxPValue, places, channels, addDays(first, -6), last],
  );
  const evidence = stored.rows.map(signalOf);
  // Series with data in the window (by ISO week): the channels that could have spoken, and their tests.
  const weeks = await pool.query<{ channel: string; signal: string; place_code: string; week_start: string }>(
    `SELECT channel, signal, place_code, week_start FROM series_week
      WHERE channel = ANY($1::text[]) AND place_code = ANY($2::text[]) AND week_start BETWEEN $3 AND $4`,
    [channels, places, isoWeekStart(first), last],
  );
  const present: PresentSeries[] = weeks.rows.map((w) => ({
    channel: w.channel,
    signal: w.signal,
    placeCode: w.place_code,
    from: w.week_start,
    to: addDays(w.week_start, 6),
  }));
  return zones.map((zone) =>
    judgeZone(rule, config.families[zone.family] as Family, zone, evidence, present),
  );
}

function toTrigger(rule: ConcordanceRule, j: Judged, context: ConcordanceContext): Trigger {
  const { zone, result } = j;
  const { names } = context;
  const agreeing = result.channels.filter((c) => c.agrees).map((c) => c.channel);
  const from = addDays(zone.anchor, -(rule.windowDays - 1));
  const evidence: EvidenceItem[] = [
    {
      type: 'concordance',
      family: zone.family,
      centre: zone.centre,
      zone: [...zone.places],
      from,
      to: zone.anchor,
      minChannels: rule.minChannels,
      channelAlpha: rule.channelAlpha,
      fusedAlpha: rule.fusedAlpha,
      method: 'truncated-product',
      statistic: result.statistic,
      fusedP: result.fusedP,
      channels: result.channels.map((c) => ({
        channel: c.channel,
        pMin: c.pMin ?? null,
        series: c.series,
        ...(c.centre ? { centrePMin: c.centre.pMin ?? null, centreSeries: c.centre.series } : {}),
        p: c.p ?? null,
        agrees: c.agrees,
        signalIds: j.signalIds.get(c.channel) ?? [],
      })),
    },
    ...j.deciding.map(signalEvidence),
  ];
  return {
    rule,
    family: zone.family,
    placeCode: zone.centre,
    key: `${zone.family}:${zone.centre}:${zone.anchor}:${agreeing.join('+')}`,
    periodStart: from,
    periodEnd: zone.anchor,
    channels: agreeing,
    facts: {
      kind: 'concordance',
      family: zone.family,
      unknownCause: false,
      channels: agreeing.length,
      cases: 0,
      growing: false,
    },
    // More channels is always stronger; among equals, the smaller combined p-value.
    scope: {
      key: `${zone.family}:${zone.centre}`,
      strength: agreeing.length * 1000 - Math.log10(result.fusedP),
    },
    evidence,
    reason: bilingual('alert.reason.concordance', (language) => ({
      from,
      to: zone.anchor,
      place: names.place(zone.centre, language),
      agreeing: agreeing.length,
      family: names.family(zone.family, language),
      channels: agreeing.map((c) => names.channel(c, language)).join(language === 'en' ? ', ' : '、'),
      p: formatP(result.fusedP),
      alpha: String(rule.fusedAlpha),
    })),
    dataCommittedAt: context.committedAt,
  };
}
