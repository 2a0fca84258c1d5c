import type pg from 'pg';
import { isChannelId } from '../channels/channel-id.js';
import { channels } from '../channels/channels.js';
import { withCommunities } from './change-log.js';
import type { EvaluationBatch, SeriesInput } from './evaluate-series.js';
import { frequencyOf, pastWindowNeed, RECENT_BASELINE } from './method-check.js';
import { channelSpan, pairKey, readCounts, reportedDays, type ChannelRead } from './read-series.js';
import type { Period, Rule } from './rule.js';
import {
  denseSeries,
  pastWindowWeeks,
  rangeStart,
  reportingDaysOnly,
  windowFor,
  type Window,
} from './series-window.js';

/**
 * The series a run evaluates, read in bulk: per channel its span, per interval one read of every
 * series its rules cover (or only the changed ones), then one engine batch per rule. Yields the batches of
 * each interval as soon as they are read, so that the workers evaluate the days while the weeks are read.
 */

export interface SeriesRef {
  readonly channel: string;
  readonly signal: string;
  readonly placeCode: string;
  readonly period: Period;
}

export interface RuleWork {
  readonly rule: Rule;
  readonly refs: readonly SeriesRef[];
  readonly batch: EvaluationBatch;
}

/** Changed series of one channel: pair key → the earliest day (a week's Monday) that changed. */
export type ChannelChanges = ReadonlyMap<string, number>;

export interface CollectRequest {
  readonly rules: readonly Rule[];
  /** Place code → level, for matching series to the rules' place levels. */
  readonly places: ReadonlyMap<string, string>;
  /** The city's own place, where every record of a channel counts. */
  readonly root: string;
  /** Only these series (a run after ingest); undefined: every series with data in its window. */
  readonly changes?: ReadonlyMap<string, ChannelChanges>;
  /** Connections to read over at once. */
  readonly parallel?: number;
}

const matches = (rule: Rule, signal: string, level: string | undefined) =>
  (rule.signals === null || rule.signals.includes(signal)) &&
  level !== undefined &&
  (rule.placeLevels as readonly string[]).includes(level);

function splitKey(key: string): { signal: string; placeCode: string } {
  const at = key.indexOf('\u0000');
  return { signal: key.slice(0, at), placeCode: key.slice(at + 1) };
}

interface ChannelPlan {
  readonly channel: string;
  readonly rules: readonly Rule[];
  readonly windows: ReadonlyMap<Period, Window>;
  readonly reported: ReadonlySet<number> | undefined;
  readonly changed: ChannelChanges | undefined;
  readonly signals: readonly string[];
}

/** Per channel with rules (and changes, after ingest): its span, the window of each interval, reported days. */
async function planChannels(db: pg.Pool, request: CollectRequest): Promise<ChannelPlan[]> {
  const byChannel = new Map<string, Rule[]>();
  for (const rule of request.rules)
    byChannel.set(rule.channel, [...(byChannel.get(rule.channel) ?? []), rule]);
  const plans: ChannelPlan[] = [];
  for (const [channel, rules] of byChannel) {
    const logged = request.changes?.get(channel);
    if (request.changes && !logged) continue;
    const changed =
      logged && rules.some((r) => r.placeLevels.includes('community'))
        ? withCommunities(logged, request.places)
        : logged;
    const span = await channelSpan(db, channel, request.root);
    if (!span) continue; // no record yet: no series
    const windows = new Map<Period, Window>();
    for (const period of ['day', 'week'] as const) {
      const periodRules = rules.filter((r) => r.period === period);
      if (periodRules.length > 0) windows.set(period, windowFor(periodRules, period, span));
    }
    const needsCompleteness = isChannelId(channel) && channels[channel].completeness;
    const earliest = Math.min(...[...windows.values()].map((w) => w.fromDay));
    const reported = needsCompleteness
      ? await reportedDays(db, channel, request.root, span.signals, earliest, span.lastDay)
      : undefined;
    plans.push({ channel, rules, windows, reported, changed, signals: span.signals });
  }
  return plans;
}

export async function* collectSeries(db: pg.Pool, request: CollectRequest): AsyncGenerator<RuleWork[]> {
  const plans = await planChannels(db, request);
  const placesByLevel = new Map<string, string[]>();
  for (const [code, level] of request.places) {
    const list = placesByLevel.get(level);
    if (list) list.push(code);
    else placesByLevel.set(level, [code]);
  }
  // Days first: their read is the shorter (weeks go back five years), so the workers start on them while the
  // weeks are read.
  for (const period of ['day', 'week'] as const) {
    const reads: (ChannelRead & { plan: ChannelPlan; rules: Rule[]; window: Window; keys: string[] })[] = [];
    for (const plan of plans) {
      const window = plan.windows.get(period);
      if (!window) continue;
      const rules = plan.rules.filter((r) => r.period === period);
      // Every series some rule watches (each signal the channel has at each place of the rules' levels), or
      // after ingest only the changed ones among them.
      const keys = plan.changed
        ? [...plan.changed.keys()].filter((key) => {
            const { signal, placeCode } = splitKey(key);
            return rules.some((r) => matches(r, signal, request.places.get(placeCode)));
          })
        : [...new Set(rules.flatMap((r) => r.placeLevels))].flatMap((level) =>
            (placesByLevel.get(level) ?? []).flatMap((placeCode) =>
              plan.signals
                .filter((signal) => rules.some((r) => matches(r, signal, level)))
                .map((signal) => pairKey(signal, placeCode)),
            ),
          );
      for (const [weeks, group] of byWeeksRead(keys, rules, period, window, request.places)) {
        reads.push({
          plan,
          rules,
          window,
          keys: group,
          channel: plan.channel,
          fromDay: window.fromDay,
          toDay: window.toDay,
          pairs: group.map(splitKey),
          ...(weeks ? { weeks } : {}),
        });
      }
    }
    if (reads.length === 0) continue;
    const counts = await readCounts(db, period, reads, request.parallel ?? 1);
    const work: RuleWork[] = [];
    for (const read of reads) {
      const sparse = counts.get(read.channel) ?? new Map<string, number[]>();
      // A series without any count in the window is all zeros and cannot alarm: it is evaluated only after
      // ingest changed it (a withdrawal may retract a signal), not in every full run.
      const keys = read.plan.changed ? read.keys : read.keys.filter((key) => sparse.has(key));
      const dense = new Map<string, { observed: Float64Array; dates: Int32Array }>();
      for (const rule of read.rules) {
        const refs: SeriesRef[] = [];
        const series: SeriesInput[] = [];
        for (const key of keys) {
          const { signal, placeCode } = splitKey(key);
          if (!matches(rule, signal, request.places.get(placeCode))) continue;
          let values = dense.get(key);
          if (!values) {
            values = denseSeries(sparse.get(key), read.window, period, read.plan.reported);
            dense.set(key, values);
          }
          refs.push({ channel: read.channel, signal, placeCode, period });
          const from = rangeStart(read.window, period, rule.lookback, read.plan.changed?.get(key));
          series.push(
            period === 'day' && read.plan.reported && RECENT_BASELINE.has(rule.method)
              ? reportingDaysOnly(values, from)
              : { ...values, from },
          );
        }
        if (series.length === 0) continue;
        work.push({
          rule,
          refs,
          batch: { method: rule.method, control: rule.control, frequency: frequencyOf(period), series },
        });
      }
    }
    if (work.length > 0) yield work;
  }
}

/**
 * The keys grouped by the weeks their rules read: a series watched only by past-window rules (Bayes, RKI:
 * the street default) needs only those weeks; any other rule needs the whole window (undefined).
 */
function byWeeksRead(
  keys: readonly string[],
  rules: readonly Rule[],
  period: Period,
  window: Window,
  places: ReadonlyMap<string, string>,
): Map<number[] | undefined, string[]> {
  const groups = new Map<string, { weeks: number[] | undefined; keys: string[] }>();
  const weeksOf = new Map<Rule, number[] | undefined>();
  for (const rule of rules) {
    const need = period === 'week' ? pastWindowNeed(rule.method, rule.control) : undefined;
    weeksOf.set(rule, need && pastWindowWeeks(window, need, rule.lookback));
  }
  for (const key of keys) {
    const { signal, placeCode } = splitKey(key);
    const watching = rules.filter((r) => matches(r, signal, places.get(placeCode)));
    let weeks: number[] | undefined = [];
    for (const rule of watching) {
      const own = weeksOf.get(rule);
      weeks =
        own === undefined || weeks === undefined
          ? undefined
          : [...new Set([...weeks, ...own])].sort((a, b) => a - b);
    }
    const signature = weeks === undefined ? '' : weeks.join(',');
    const group = groups.get(signature);
    if (group) group.keys.push(key);
    else groups.set(signature, { weeks, keys: [key] });
  }
  return new Map([...groups.values()].map((g) => [g.weeks, g.keys]));
}
