import type pg from 'pg';
import { dateOfDayNumber } from '../channels/time.js';
import type { SeriesRef } from './collect-series.js';
import type { AlarmPoint } from './evaluate-series.js';
import type { DetectionSignal } from './events.js';
import type { Rule } from './rule.js';
import { SIGNAL_COLUMNS, signalOf, type SignalRow } from './signal-row.js';

/**
 * Writes a run's outcome into the signal store, idempotently: the signals already stored for the evaluated
 * ranges are read first, and only the difference is written — new alarms inserted, alarms whose numbers
 * changed (or that alarm again) updated, stored alarms the new evaluation no longer raises retracted
 * (alarm = false, with when and why). The same data evaluated again writes nothing.
 */

export interface EvaluatedSeries {
  readonly rule: Rule;
  readonly ref: SeriesRef;
  /** Day numbers of the first and last evaluated period. */
  readonly fromDay: number;
  readonly toDay: number;
  readonly alarms: readonly { readonly day: number; readonly point: AlarmPoint }[];
}

export interface StoreOutcome {
  readonly created: DetectionSignal[];
  readonly changed: DetectionSignal[];
  readonly retracted: DetectionSignal[];
}

const seriesKey = (ruleId: number, signal: string, place: string) => `${ruleId}\u0000${signal}\u0000${place}`;

interface Write {
  readonly rule: Rule;
  readonly ref: SeriesRef;
  readonly date: string;
  readonly point: AlarmPoint;
}

const sameNumbers = (row: SignalRow, p: AlarmPoint) =>
  row.observed === p.observed &&
  row.expected === p.expected &&
  row.upperbound === p.upperbound &&
  row.score === p.score &&
  row.pvalue === p.pvalue &&
  row.level === p.level;

export async function storeSignals(
  client: pg.ClientBase,
  runId: number,
  configVersion: number,
  evaluated: readonly EvaluatedSeries[],
): Promise<StoreOutcome> {
  if (evaluated.length === 0) return { created: [], changed: [], retracted: [] };
  const ruleIds = [...new Set(evaluated.map((e) => e.rule.id))];
  const since = Math.min(...evaluated.map((e) => e.fromDay));
  const stored = await client.query<SignalRow>(
    `SELECT ${SIGNAL_COLUMNS} FROM detection_signal WHERE rule_id = ANY($1::bigint[]) AND period_start >= $2::date`,
    [ruleIds, dateOfDayNumber(since)],
  );
  const existing = new Map<string, SignalRow[]>();
  for (const row of stored.rows) {
    const key = seriesKey(row.rule_id, row.signal, row.place_code);
    existing.set(key, [...(existing.get(key) ?? []), row]);
  }

  const inserts: Write[] = [];
  const updates: { id: number; point: AlarmPoint }[] = [];
  const retractions: number[] = [];
  for (const e of evaluated) {
    const rows = existing.get(seriesKey(e.rule.id, e.ref.signal, e.ref.placeCode)) ?? [];
    const byDate = new Map(rows.map((r) => [r.period_start, r]));
    const alarmed = new Set<string>();
    for (const { day, point } of e.alarms) {
      const date = dateOfDayNumber(day);
      alarmed.add(date);
      const row = byDate.get(date);
      if (!row) inserts.push({ rule: e.rule, ref: e.ref, date, point });
      else if (!row.alarm || !sameNumbers(row, point)) updates.push({ id: row.id, point });
    }
    const from = dateOfDayNumber(e.fromDay);
    const to = dateOfDayNumber(e.toDay);
    for (const row of rows) {
      if (row.alarm && row.period_start >= from && row.period_start <= to && !alarmed.has(row.period_start)) {
        retractions.push(row.id);
      }
    }
  }

  const created = inserts.length === 0 ? [] : await insertSignals(client, runId, configVersion, inserts);
  const changed = updates.length === 0 ? [] : await updateSignals(client, runId, updates);
  const retracted =
    retractions.length === 0
      ? []
      : (
          await client.query<SignalRow>(
            `UPDATE detection_signal SET alarm = false, updated_at = now(), run_id = $2, retracted_at = now(),
                    retracted_reason = 'no-longer-alarms'
              WHERE id = ANY($1::bigint[]) RETURNING ${SIGNAL_COLUMNS}`,
            [retractions, runId],
          )
        ).rows.map(signalOf);
  return { created, changed, retracted };
}

const column = <T>(points: readonly { point: AlarmPoint }[], pick: (p: AlarmPoint) => T) =>
  points.map((p) => pick(p.point));

async function insertSignals(
  client: pg.ClientBase,
  runId: number,
  configVersion: number,
  writes: readonly Write[],
): Promise<DetectionSignal[]> {
  const result = await client.query<SignalRow>(
    `INSERT INTO detection_signal (channel, signal, place_code, period, period_start, method, rule_id, rule_key,
                                   rule_revision, config_version, observed, expected, upperbound, score, pvalue,
                                   level, alarm, run_id)
     SELECT channel, signal, place_code, period, period_start, method, rule_id, rule_key, rule_revision, $1,
            observed, expected, upperbound, score, pvalue, level, true, $2
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[], $9::bigint[], $10::text[],
                   $11::int[], $12::float8[], $13::float8[], $14::float8[], $15::float8[], $16::float8[], $17::smallint[])
         AS w(channel, signal, place_code, period, period_start, method, rule_id, rule_key, rule_revision, observed,
              expected, upperbound, score, pvalue, level)
     ON CONFLICT (channel, signal, place_code, period, period_start, method, rule_id) DO NOTHING
     RETURNING ${SIGNAL_COLUMNS}`,
    [
      configVersion,
      runId,
      writes.map((w) => w.ref.channel),
      writes.map((w) => w.ref.signal),
      writes.map((w) => w.ref.placeCode),
      writes.map((w) => w.ref.period),
      writes.map((w) => w.date),
      writes.map((w) => w.rule.method),
      writes.map((w) => w.rule.id),
      writes.map((w) => w.rule.key),
      writes.map((w) => w.rule.revision),
      column(writes, (p) => p.observed),
      column(writes, (p) => p.expected),
      column(writes, (p) => p.upperbound),
      column(writes, (p) => p.score),
      column(writes, (p) => p.pvalue),
      column(writes, (p) => p.level),
    ],
  );
  return result.rows.map(signalOf);
}

async function updateSignals(
  client: pg.ClientBase,
  runId: number,
  updates: readonly { id: number; point: AlarmPoint }[],
): Promise<DetectionSignal[]> {
  const result = await client.query<SignalRow>(
    `UPDATE detection_signal s
        SET observed = u.new_observed, expected = u.new_expected, upperbound = u.new_upperbound,
            score = u.new_score, pvalue = u.new_pvalue, level = u.new_level, alarm = true, updated_at = now(),
            run_id = $1, retracted_at = NULL, retracted_reason = NULL
       FROM unnest($2::bigint[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::smallint[])
         AS u(signal_id, new_observed, new_expected, new_upperbound, new_score, new_pvalue, new_level)
      WHERE s.id = u.signal_id
      RETURNING ${SIGNAL_COLUMNS}`,
    [
      runId,
      updates.map((u) => u.id),
      column(updates, (p) => p.observed),
      column(updates, (p) => p.expected),
      column(updates, (p) => p.upperbound),
      column(updates, (p) => p.score),
      column(updates, (p) => p.pvalue),
      column(updates, (p) => p.level),
    ],
  );
  return result.rows.map(signalOf);
}
