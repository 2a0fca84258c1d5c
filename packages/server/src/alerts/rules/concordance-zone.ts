import { concordance, sidak, type Concordance } from '@shaobing/engine';
import { addDays } from '../../series/periods.js';
import type { DetectionSignal } from '../../signals/events.js';
import { matchesPatterns, placeLevelOf } from '../config/families.js';
import type { ConcordanceRule, Family } from '../config/schema.js';
import { periodEndOf } from './statistical.js';

/**
 * One concordance zone judged, without I/O: a family, a centre place with its neighbours, and a window of
 * days ending on the anchor day. For each channel of the family that has data in the zone, the evidence is
 * its smallest p-value among the stored signals of its family series, Šidák-corrected for every test it was
 * chosen from — each series (signal × place) on each day of the window — beside the same for the centre's
 * own series (a second look, so that an outbreak in the centre is not diluted by its neighbours' tests), and
 * the engine combines the channels (fusion/concordance.ts). Channels without data cannot have spoken and are left out.
 */

export interface Zone {
  readonly family: string;
  readonly centre: string;
  readonly places: readonly string[];
  readonly anchor: string;
}

/** A series that holds data somewhere in [from, to]: it was there to be evaluated. */
export interface PresentSeries {
  readonly channel: string;
  readonly signal: string;
  readonly placeCode: string;
  readonly from: string;
  readonly to: string;
}

export interface Judged {
  readonly zone: Zone;
  readonly result: Concordance;
  /** The smallest-p signal of each agreeing channel. */
  readonly deciding: readonly DetectionSignal[];
  /** Every evidence signal of each channel in the zone and window. */
  readonly signalIds: ReadonlyMap<string, number[]>;
}

const smallestP = (signals: readonly DetectionSignal[]) =>
  signals.reduce<DetectionSignal | undefined>(
    (b, s) => (b === undefined || (s.pvalue as number) < (b.pvalue as number) ? s : b),
    undefined,
  );

/** Whether a stored signal counts as concordance evidence: alarming, with a p-value at the relaxed level. */
export function isEvidence(rule: ConcordanceRule, s: DetectionSignal): boolean {
  const level = placeLevelOf(s.placeCode);
  return (
    s.alarm &&
    s.pvalue !== null &&
    s.pvalue <= rule.evidence.maxPValue &&
    matchesPatterns(rule.evidence.detectionRules, s.ruleKey) &&
    level !== undefined &&
    (rule.placeLevels as readonly string[]).includes(level)
  );
}

export function judgeZone(
  rule: ConcordanceRule,
  family: Family,
  zone: Zone,
  evidence: readonly DetectionSignal[],
  present: readonly PresentSeries[],
): Judged {
  const from = addDays(zone.anchor, -(rule.windowDays - 1));
  const places = new Set(zone.places);
  const signalIds = new Map<string, number[]>();
  const deciding: DetectionSignal[] = [];
  const channelEvidence = family.members.flatMap((member) => {
    const related = (channel: string, signal: string, place: string) =>
      channel === member.channel && member.signals.includes(signal) && places.has(place);
    const own = evidence.filter(
      (s) =>
        related(s.channel, s.signal, s.placeCode) &&
        s.periodStart <= zone.anchor &&
        periodEndOf(s) >= from &&
        isEvidence(rule, s),
    );
    const series = new Set(
      present
        .filter((p) => related(p.channel, p.signal, p.placeCode) && p.from <= zone.anchor && p.to >= from)
        .map((p) => `${p.signal}|${p.placeCode}`),
    );
    for (const s of own) series.add(`${s.signal}|${s.placeCode}`);
    if (series.size === 0) return [];
    const best = smallestP(own);
    // The centre's own look (fusion/concordance.ts): its series alone, when the zone has neighbours.
    const centreSeries = [...series].filter((k) => k.endsWith(`|${zone.centre}`)).length;
    const centre =
      places.size > 1 && centreSeries > 0
        ? {
            best: smallestP(own.filter((s) => s.placeCode === zone.centre)),
            series: centreSeries * rule.windowDays,
          }
        : undefined;
    const zoneSeries = series.size * rule.windowDays;
    const centreWins =
      centre?.best !== undefined &&
      best !== undefined &&
      sidak(centre.best.pvalue as number, centre.series) <= sidak(best.pvalue as number, zoneSeries);
    const shown = centreWins ? centre?.best : best;
    if (shown) deciding.push(shown);
    signalIds.set(
      member.channel,
      own.map((s) => s.id),
    );
    return [
      {
        channel: member.channel,
        pMin: best?.pvalue ?? undefined,
        series: zoneSeries,
        centre: centre && { pMin: centre.best?.pvalue ?? undefined, series: centre.series },
      },
    ];
  });
  const result = concordance(channelEvidence, rule);
  const agreeing = new Set(result.channels.filter((c) => c.agrees).map((c) => c.channel));
  return { zone, result, deciding: deciding.filter((s) => agreeing.has(s.channel)), signalIds };
}

/**
 * Among firing zones of one family and day that share a deciding signal, one alert: zones whose centre holds
 * none of the deciding evidence are left out (an alert names a place where something was seen), then the
 * zone holding most of it at its centre wins, then the smaller combined p-value.
 */
export function selectStrongest(judged: readonly Judged[]): Judged[] {
  const atCentre = (j: Judged) => j.deciding.filter((s) => s.placeCode === j.zone.centre).length;
  const firing = judged
    .filter((j) => j.result.fired && atCentre(j) > 0)
    .sort((a, b) => atCentre(b) - atCentre(a) || a.result.fusedP - b.result.fusedP);
  const taken = new Map<string, Set<number>>();
  const chosen: Judged[] = [];
  for (const j of firing) {
    const key = `${j.zone.family}|${j.zone.anchor}`;
    const used = taken.get(key) ?? new Set<number>();
    if (j.deciding.some((s) => used.has(s.id))) continue;
    for (const s of j.deciding) used.add(s.id);
    taken.set(key, used);
    chosen.push(j);
  }
  return chosen;
}
