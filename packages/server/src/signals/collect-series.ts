import type pg from 'pg';
import { isChannelId } from '../channels/channel-id.js';
import { channels } from '../channels/channels.js';
import type { EvaluationBatch, SeriesInput } from './evaluate-series.js';
import { frequencyOf } from './method-check.js';
import { channelSpan, readCounts, reportedDays } from './read-series.js';
import type { Period, Rule } from './rule.js';
import { denseSeries, rangeStart, windowFor, type Window } from './series-window.js';

/**
 * The series a run evaluates, read in bulk: per channel its span, per channel and interval one read of every
 * series its rules cover (or only the changed ones), then one engine batch per rule.
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
}

const matches = (rule: Rule, signal: string, level: string | undefined) =>
  (rule.signals === null || rule.signals.includes(signal)) &&
  level !== undefined &&
  (rule.placeLevels as readonly string[]).includes(level);

function splitKey(key: string): { signal: string; placeCode: string } {
  const at = key.indexOf('\u0000');
  return { signal: key.slice(0, at), placeCode: key.slice(at + 1) };
}

export async function collectSeries(db: pg.ClientBase, request: CollectRequest): Promise<RuleWork[]> {
  const work: RuleWork[] = [];
  const byChannel = new Map<string, Rule[]>();
  for (const rule of request.rules)
    byChannel.set(rule.channel, [...(byChannel.get(rule.channel) ?? []), rule]);
  for (const [channel, channelRules] of byChannel) {
    const changed = request.changes?.get(channel);
    if (request.changes && !changed) continue;
    const span = await channelSpan(db, channel, request.root);
    if (!span) continue; // no record yet: no series
    const windows = new Map<Period, Window>();
    for (const period of ['day', 'week'] as const) {
      const rules = channelRules.filter((r) => r.period === period);
      if (rules.length > 0) windows.set(period, windowFor(rules, period, span));
    }
    const needsCompleteness = isChannelId(channel) && channels[channel].completeness;
    const earliest = Math.min(...[...windows.values()].map((w) => w.fromDay));
    const reported = needsCompleteness
      ? await reportedDays(db, channel, request.root, span.signals, earliest, span.lastDay)
      : undefined;
    for (const [period, window] of windows) {
      const rules = channelRules.filter((r) => r.period === period);
      const levels = new Set(rules.flatMap((r) => r.placeLevels));
      const places = [...request.places].filter(([, level]) =>
        levels.has(level as Rule['placeLevels'][number]),
      );
      const placeCodes = places.map(([code]) => code);
      const wanted = changed
        ? [...changed.keys()].filter((key) => {
            const { signal, placeCode } = splitKey(key);
            return rules.some((r) => matches(r, signal, request.places.get(placeCode)));
          })
        : undefined;
      if (wanted?.length === 0) continue;
      const sparse = await readCounts(db, {
        channel,
        period,
        fromDay: window.fromDay,
        toDay: window.toDay,
        places: placeCodes,
        ...(wanted ? { pairs: wanted.map(splitKey) } : {}),
      });
      const keys = wanted ?? [...sparse.keys()];
      const dense = new Map<string, { observed: Float64Array; dates: Int32Array }>();
      for (const rule of rules) {
        const refs: SeriesRef[] = [];
        const series: SeriesInput[] = [];
        for (const key of keys) {
          const { signal, placeCode } = splitKey(key);
          if (!matches(rule, signal, request.places.get(placeCode))) continue;
          let values = dense.get(key);
          if (!values) {
            values = denseSeries(sparse.get(key), window, period, reported);
            dense.set(key, values);
          }
          refs.push({ channel, signal, placeCode, period });
          series.push({ ...values, from: rangeStart(window, period, rule.lookback, changed?.get(key)) });
        }
        if (series.length === 0) continue;
        work.push({
          rule,
          refs,
          batch: { method: rule.method, control: rule.control, frequency: frequencyOf(period), series },
        });
      }
    }
  }
  return work;
}
