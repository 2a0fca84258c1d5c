import type pg from 'pg';
import type { Deltas, WeekDelta } from './deltas.js';
import { arrayLiteral } from '../ingest/copy-format.js';
import { addAmount, amountText, isZero, type Amount } from './exact-sum.js';

/**
 * Adds a batch's aggregated deltas to the series tables — one multi-row upsert per table, each row touched
 * once — and deletes the rows left with no records (a withdrawal, or a correction that moved a record
 * elsewhere), so that a stored row always means at least one record.
 */

const SLOTS = [1, 2, 3, 4, 5, 6, 7];
const slotSum = (column: string) =>
  `ARRAY[${SLOTS.map((i) => `s.${column}[${i}] + excluded.${column}[${i}]`).join(', ')}]`;

/** The two week-row tables: place series (every level of the place tree) and facility series. */
interface WeekTable {
  readonly name: 'series_week' | 'facility_week';
  readonly unit: 'place_code' | 'facility_id';
  /** Prefix of the prepared statements' names. */
  readonly prefix: string;
}
const PLACE_TABLE: WeekTable = { name: 'series_week', unit: 'place_code', prefix: 'series-week' };
const FACILITY_TABLE: WeekTable = { name: 'facility_week', unit: 'facility_id', prefix: 'facility-week' };

const upsertHead = (t: WeekTable) => `
  INSERT INTO ${t.name} AS s (channel, signal, ${t.unit}, week_start, count, records, denominator,
                              day_counts, day_records, day_denominators)`;
const upsertTail = (t: WeekTable, denominators: boolean) => `
  ON CONFLICT (channel, ${t.unit === 'place_code' ? 'signal, place_code' : 'facility_id, signal'}, week_start) DO UPDATE
     SET count = s.count + excluded.count, records = s.records + excluded.records,
         denominator = s.denominator + excluded.denominator,
         day_counts = ${slotSum('day_counts')}, day_records = ${slotSum('day_records')}, day_denominators = ${
           denominators ? slotSum('day_denominators') : 's.day_denominators'
         }`;

/**
 * The week upsert. Most batches have no denominators (all but school and lab) and count each record once
 * (records = counts): those arrays are then not sent but derived in SQL, which spares PostgreSQL parsing
 * two of the three arrays of every row — the largest part of the statement's cost after the index.
 */
function upsertWeeks(t: WeekTable, unitCounts: boolean, denominators: boolean): string {
  const records = unitCounts ? 'd.day_counts::int[]' : 'd.day_records::int[]';
  const zero = "'{0,0,0,0,0,0,0}'::numeric[]";
  return `${upsertHead(t)}
  SELECT $1, d.signal, d.unit, d.week_start, d.count, ${unitCounts ? 'd.count::int' : 'd.records'},
         ${denominators ? 'd.denominator' : '0'}, d.day_counts::numeric[], ${records},
         ${denominators ? 'd.day_denominators::numeric[]' : zero}
    FROM unnest($2::text[], $3::text[], $4::date[], $5::numeric[], $6::int[], $7::numeric[], $8::text[], $9::text[], $10::text[])
      AS d(signal, unit, week_start, count, records, denominator, day_counts, day_records, day_denominators)
  ${upsertTail(t, denominators)}`;
}

/**
 * The same for the rows a batch touches on one day only — at the community level nearly all: the day's
 * numbers go as scalars and the arrays are built in SQL, so that PostgreSQL parses one number where it
 * would parse seven (array input is half the statement's cost before the index).
 */
const slotArray = (value: string) =>
  `ARRAY[${SLOTS.map((i) => `CASE WHEN d.slot = ${i} THEN ${value} ELSE 0 END`).join(', ')}]`;
const upsertOneDay = (t: WeekTable) => `${upsertHead(t)}
  SELECT $1, d.signal, d.unit, d.week_start, d.count, d.records, d.denominator,
         ${slotArray('d.count')}, ${slotArray('d.records')}, ${slotArray('d.denominator')}
    FROM unnest($2::text[], $3::text[], $4::date[], $5::int[], $6::numeric[], $7::int[], $8::numeric[])
      AS d(signal, unit, week_start, slot, count, records, denominator)
  ${upsertTail(t, true)}`;

/** The one slot (0–6) a delta touches, or -1 when it touches several. */
function onlySlot(d: WeekDelta): number {
  let found = -1;
  for (let i = 0; i < 7; i++) {
    if (d.records[i] === 0 && isZero(d.counts[i] ?? 0) && d.denominators[i] === 0) continue;
    if (found >= 0) return -1;
    found = i;
  }
  return found;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const literal = (values: readonly (Amount | number)[]) =>
  `{${values.map((v) => (typeof v === 'number' ? String(v) : amountText(v))).join(',')}}`;
const untouched = (d: WeekDelta) =>
  d.records.every((r) => r === 0) && d.counts.every(isZero) && d.denominators.every((x) => x === 0);

/** One statement of a batch's series write, its parameters ready to send (arrays as literals). */
export interface SeriesStatement {
  /** Prepared-statement name: each text is parsed and planned once per connection. */
  readonly name: string;
  readonly text: string;
  readonly values: readonly unknown[];
}

const texts = (values: readonly string[]) => arrayLiteral(values);

/** The statements adding one table's week deltas, and tidying the rows left with no records. */
function weekStatements(t: WeekTable, channel: string, deltas: readonly WeekDelta[], removals: boolean) {
  const statements: SeriesStatement[] = [];
  const touched = deltas.filter((d) => !untouched(d));
  const slots = touched.map(onlySlot);
  const oneDay = touched.filter((_, i) => (slots[i] as number) >= 0);
  const oneDaySlots = slots.filter((slot) => slot >= 0);
  const weeks = touched.filter((_, i) => slots[i] === -1);
  if (oneDay.length > 0) {
    statements.push({
      name: `${t.prefix}-one-day`,
      text: upsertOneDay(t),
      values: [
        channel,
        texts(oneDay.map((d) => d.signal)),
        texts(oneDay.map((d) => d.unit)),
        texts(oneDay.map((d) => d.weekStart)),
        arrayLiteral(oneDaySlots.map((slot) => slot + 1)),
        texts(oneDay.map((d, i) => amountText(d.counts[oneDaySlots[i] as number] ?? 0))),
        arrayLiteral(oneDay.map((d, i) => d.records[oneDaySlots[i] as number] ?? 0)),
        arrayLiteral(oneDay.map((d, i) => d.denominators[oneDaySlots[i] as number] ?? 0)),
      ],
    });
  }
  if (weeks.length > 0) {
    const unitCounts = weeks.every((d) => d.counts.every((c, i) => c === d.records[i]));
    const denominators = weeks.some((d) => d.denominators.some((x) => x !== 0));
    statements.push({
      name: `${t.prefix}-${unitCounts ? 'unit' : 'sum'}-${denominators ? 'den' : 'noden'}`,
      text: upsertWeeks(t, unitCounts, denominators),
      values: [
        channel,
        texts(weeks.map((d) => d.signal)),
        texts(weeks.map((d) => d.unit)),
        texts(weeks.map((d) => d.weekStart)),
        texts(weeks.map((d) => amountText(d.counts.reduce<Amount>((a, b) => addAmount(a, b), 0)))),
        unitCounts ? null : arrayLiteral(weeks.map((d) => sum(d.records))),
        denominators ? arrayLiteral(weeks.map((d) => sum(d.denominators))) : null,
        texts(weeks.map((d) => literal(d.counts))),
        unitCounts ? null : texts(weeks.map((d) => literal(d.records))),
        denominators ? texts(weeks.map((d) => literal(d.denominators))) : null,
      ],
    });
  }
  if (!removals) return statements;
  const fallen = touched.filter((d) => sum(d.records) < 0);
  if (fallen.length > 0) {
    // A week whose records fell to 0 goes; a day slot at 0 within a week that stays is a day without records.
    statements.push({
      name: `${t.prefix}-tidy`,
      text: `DELETE FROM ${t.name} s
        USING unnest($2::text[], $3::text[], $4::date[]) AS f(signal, unit, week_start)
        WHERE s.channel = $1 AND s.records = 0 AND s.signal = f.signal AND s.${t.unit} = f.unit
          AND s.week_start = f.week_start`,
      values: [
        channel,
        texts(fallen.map((d) => d.signal)),
        texts(fallen.map((d) => d.unit)),
        texts(fallen.map((d) => d.weekStart)),
      ],
    });
  }
  return statements;
}

/**
 * The statements that add a batch's deltas to the series tables. Pure: the ingest builds them while the
 * batch before commits (ingest-stream.ts), so that the transaction spends its time in PostgreSQL.
 */
export function seriesStatements(channel: string, deltas: Deltas): SeriesStatement[] {
  return [
    ...weekStatements(PLACE_TABLE, channel, deltas.places, deltas.removals),
    ...weekStatements(FACILITY_TABLE, channel, deltas.facilities, deltas.removals),
  ];
}

/** Runs a batch's series statements in the caller's transaction. */
export async function writeSeriesStatements(
  client: pg.PoolClient,
  statements: readonly SeriesStatement[],
): Promise<void> {
  for (const s of statements) await client.query({ name: s.name, text: s.text, values: [...s.values] });
}

export async function writeSeriesDeltas(
  client: pg.PoolClient,
  channel: string,
  deltas: Deltas,
): Promise<void> {
  await writeSeriesStatements(client, seriesStatements(channel, deltas));
}
