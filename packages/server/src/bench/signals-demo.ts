import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseScenario, placeCounts, simulate, SIM_CHANNELS, type CityInput } from '@shaobing/engine';
import { parse } from 'csv-parse/sync';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { readCity, cityFolder } from '../city/read-city.js';
import { dateOfDayNumber, dayNumberOf } from '../channels/time.js';

/**
 * The Wuhan demo (data/scenarios/demo.json: six years of every channel ending 2026-11-20, an influenza
 * outbreak in 洪山区 over the last four weeks) as the detection reads it: the simulator's daily totals at the
 * city, its districts and its streets — what the place series would hold had every record been ingested —
 * written straight into `series_week` with COPY, channel by channel.
 */

const data = new URL('../../../../data/', import.meta.url);

export async function demoCityInput(): Promise<CityInput> {
  const { model } = await readCity(cityFolder('wuhan'));
  const festivals = parse<{ year: string; spring_festival_date: string }>(
    readFileSync(new URL('calendar/spring_festival.csv', data), 'utf8'),
    { columns: true, skip_empty_lines: true },
  );
  return {
    id: model.city.id,
    code: model.city.code,
    name: model.city.name,
    facilityIdPrefix: 'WH',
    places: model.places,
    facilities: model.facilities,
    springFestivals: festivals.map((f) => ({ year: Number(f.year), date: f.spring_festival_date })),
  };
}

export interface DemoWritten {
  readonly rows: number;
  readonly series: number;
  readonly signals: number;
  readonly channels: number;
  readonly lastDay: string;
  readonly simulateSeconds: number;
}

export async function writeDemoSeries(pool: pg.Pool): Promise<DemoWritten> {
  const parsed = parseScenario(readFileSync(new URL('scenarios/demo.json', data), 'utf8'));
  if (!parsed.ok) throw new Error(`demo.json: ${JSON.stringify(parsed.issues)}`);
  let started = performance.now();
  const sim = simulate(parsed.scenario, await demoCityInput());
  let simulateMs = performance.now() - started;
  let rows = 0;
  let series = 0;
  const signals = new Set<string>();
  const channels = new Set<string>();
  const client = await pool.connect();
  try {
    for (const channel of SIM_CHANNELS) {
      started = performance.now();
      const totals = placeCounts(sim, { levels: ['city', 'district', 'street'], channels: [channel] });
      simulateMs += performance.now() - started;
      const lines: string[] = [];
      for (const s of totals) {
        series += 1;
        signals.add(`${s.channel}/${s.signal}`);
        channels.add(s.channel);
        const first = dayNumberOf(s.from);
        // Weeks from the Monday on or before the first day; days before it and NaN days count nothing.
        const monday = first - ((((first + 3) % 7) + 7) % 7);
        for (let week = monday; week < first + s.count.length; week += 7) {
          const counts: number[] = [];
          const records: number[] = [];
          let count = 0;
          let recordTotal = 0;
          for (let d = 0; d < 7; d++) {
            const i = week + d - first;
            const c = i >= 0 && i < s.count.length ? s.count[i]! : 0;
            const r = i >= 0 && i < s.records.length ? s.records[i]! : 0;
            const value = Number.isNaN(c) ? 0 : c;
            const n = Number.isNaN(r) ? 0 : r;
            counts.push(value);
            records.push(n);
            count += value;
            recordTotal += n;
          }
          if (recordTotal === 0) continue;
          lines.push(
            `${s.channel}\t${s.signal}\t${s.unit}\t${dateOfDayNumber(week)}\t${count}\t${recordTotal}\t0\t` +
              `{${counts.join(',')}}\t{${records.join(',')}}\t{0,0,0,0,0,0,0}\n`,
          );
        }
      }
      rows += lines.length;
      for (let i = 0; i < lines.length; i += 50_000) {
        await pipeline(
          Readable.from([Buffer.from(lines.slice(i, i + 50_000).join(''))]),
          client.query(
            copyStreams.from(
              `COPY series_week (channel, signal, place_code, week_start, count, records, denominator, day_counts,
                                 day_records, day_denominators) FROM STDIN`,
            ),
          ),
        );
      }
    }
  } finally {
    client.release();
  }
  return {
    rows,
    series,
    signals: signals.size,
    channels: channels.size,
    lastDay: dateOfDayNumber(sim.first + sim.count - 1),
    simulateSeconds: simulateMs / 1000,
  };
}
