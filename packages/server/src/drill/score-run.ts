import type { OutbreakTruth } from '@shaobing/engine';
import { dateOfDayNumber } from '../channels/time.js';
import type { Observation } from './play-run.js';
import type { AlertLevel, Detection, DrillRunResult, OutbreakResult } from './report-schema.js';

/**
 * Scores one played run against the scenario's ground truth, pure: which signals and alert firings belong
 * to which outbreak, when each detector first saw each outbreak, the false ones per district and month, and
 * the district-week table behind specificity. The rules are in report-schema.ts.
 */

export const ATTRIBUTION = { beforeDays: 3, afterDays: 14 } as const;
const LEVELS: readonly AlertLevel[] = ['blue', 'yellow', 'orange', 'red'];
const DAYS_PER_MONTH = 365.25 / 12;

export interface RunInput {
  readonly run: number;
  readonly seed: number;
  /** Day number of the simulated period's first day (case onsets are indices from it). */
  readonly first: number;
  readonly liveFrom: number;
  readonly liveTo: number;
  readonly cityCode: string;
  readonly districts: readonly string[];
  readonly outbreaks: readonly OutbreakTruth[];
  readonly observations: readonly Observation[];
  readonly firstRecord: ReadonlyMap<string, number>;
}

export interface ScoredRun {
  readonly outbreaks: OutbreakResult[];
  readonly falseByDistrict: DrillRunResult['falseByDistrict'];
  /** Per detector: false observations, and district-weeks without an outbreak in which it fired. */
  readonly falseCounts: Map<string, number>;
  readonly falseWeeks: Map<string, number>;
  /** District-weeks without an outbreak under way. */
  readonly negativeWeeks: number;
  readonly months: number;
}

/** The detectors an observation speaks for. */
export function detectorsOf(o: Observation): string[] {
  if (o.kind === 'signal') return [`signal:${o.channels[0] ?? ''}`, `signal:${o.what}`];
  if (o.what === 'concordance') return ['alert:fused', 'alert:any'];
  return o.channels.length === 1 ? [`alert:${o.channels[0]}`, 'alert:any'] : ['alert:any'];
}

interface Span {
  readonly truth: OutbreakTruth;
  readonly districts: readonly string[];
  readonly start: number;
  readonly lastOnset: number;
}

const districtOf = (place: string, cityCode: string) => (place.length >= 6 ? place.slice(0, 6) : cityCode);

function belongs(o: Observation, span: Span, cityCode: string): boolean {
  const inPlace = o.placeCode === cityCode || span.districts.some((d) => o.placeCode.startsWith(d));
  const lo = span.start - ATTRIBUTION.beforeDays;
  const hi = span.lastOnset + ATTRIBUTION.afterDays;
  return inPlace && o.to >= lo && o.from <= hi && o.seen >= lo;
}

export function scoreRun(input: RunInput): ScoredRun {
  const { cityCode } = input;
  const spans: Span[] = input.outbreaks.map((truth) => {
    const onsets = truth.cases.map((c) => input.first + c.onset);
    return {
      truth,
      districts: [...new Set(truth.cases.map((c) => c.districtCode))].sort(),
      start: Date.parse(`${truth.start}T00:00:00Z`) / 86_400_000,
      lastOnset: onsets.length ? Math.max(...onsets) : Date.parse(`${truth.start}T00:00:00Z`) / 86_400_000,
    };
  });
  const counted = input.observations.filter((o) => o.notice);
  const owners = counted.map((o) => spans.filter((s) => belongs(o, s, cityCode)));

  const outbreaks = spans.map((span): OutbreakResult => {
    const first = new Map<string, Observation>();
    let levelReached = -1;
    counted.forEach((o, i) => {
      if (!owners[i]!.includes(span)) return;
      if (o.level) levelReached = Math.max(levelReached, LEVELS.indexOf(o.level));
      for (const d of detectorsOf(o)) if (!first.has(d)) first.set(d, o);
    });
    const recordDay = input.firstRecord.get(span.truth.id);
    const detections: Detection[] = [...first].map(([detector, o]) => ({
      detector,
      day: dateOfDayNumber(o.seen),
      fromStartDays: o.seen - span.start,
      fromFirstRecordDays: recordDay === undefined ? null : o.seen - recordDay,
      level: o.level,
    }));
    return {
      run: input.run,
      id: span.truth.id,
      pathogen: span.truth.pathogen,
      place: span.truth.place,
      start: span.truth.start,
      lastOnset: dateOfDayNumber(span.lastOnset),
      size: span.truth.size,
      districts: [...span.districts],
      firstRecordDay: recordDay === undefined ? null : dateOfDayNumber(recordDay),
      detections: detections.sort((a, b) => a.detector.localeCompare(b.detector)),
      levelReached: levelReached >= 0 ? LEVELS[levelReached]! : null,
    };
  });

  const days = input.liveTo - input.liveFrom + 1;
  const months = days / DAYS_PER_MONTH;
  const units = [...input.districts, cityCode];
  const perDistrict = new Map(units.map((d) => [d, { signals: 0, alerts: 0, yellow: 0, fused: 0 }]));
  const falseCounts = new Map<string, number>();
  const falseWeeks = new Map<string, Set<string>>();
  counted.forEach((o, i) => {
    if (owners[i]!.length > 0) return;
    const district = districtOf(o.placeCode, cityCode);
    const tally = perDistrict.get(district);
    if (tally) {
      if (o.kind === 'signal') tally.signals++;
      else {
        tally.alerts++;
        if (o.level && LEVELS.indexOf(o.level) >= 1) tally.yellow++;
        if (o.what === 'concordance') tally.fused++;
      }
    }
    for (const d of detectorsOf(o)) {
      falseCounts.set(d, (falseCounts.get(d) ?? 0) + 1);
      if (district === cityCode) continue;
      let set = falseWeeks.get(d);
      if (!set) falseWeeks.set(d, (set = new Set()));
      set.add(`${district}|${weekIndex(o.seen, input.liveFrom)}`);
    }
  });

  // District-weeks with an outbreak under way (start … last onset + the attribution tail) are the positives.
  const weeksCount = Math.ceil(days / 7);
  const positive = new Set<string>();
  for (const s of spans) {
    for (let w = 0; w < weeksCount; w++) {
      const from = input.liveFrom + 7 * w;
      if (from + 6 >= s.start && from <= s.lastOnset + ATTRIBUTION.afterDays)
        for (const d of s.districts) positive.add(`${d}|${w}`);
    }
  }
  const negativeWeeks = input.districts.length * weeksCount - positive.size;
  const falseWeekCounts = new Map(
    [...falseWeeks].map(([d, set]) => [d, [...set].filter((k) => !positive.has(k)).length]),
  );

  return {
    outbreaks,
    falseByDistrict: units.map((district) => {
      const t = perDistrict.get(district)!;
      return {
        district,
        signalsPerMonth: t.signals / months,
        alertsPerMonth: t.alerts / months,
        alertsAtYellowPerMonth: t.yellow / months,
        fusedPerMonth: t.fused / months,
      };
    }),
    falseCounts,
    falseWeeks: falseWeekCounts,
    negativeWeeks,
    months,
  };
}

const weekIndex = (day: number, liveFrom: number) => Math.floor((day - liveFrom) / 7);
