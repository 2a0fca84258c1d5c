import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SYNDROME_IDS } from '@shaobing/engine';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { SCHOOL_SIGNALS } from '../channels/school.js';
import { dateOfDayNumber, dayNumberOf } from '../channels/time.js';

/**
 * The detection benchmark's Wuhan: every channel's signals as daily counts at every street, summed up to the
 * districts and the city, over five and a half years (what CIDARS' 5-year baseline and farringtonFlexible's
 * b = 5 need), written straight into `series_week` with COPY — the detection's input, without the ingest's
 * cost. Seasonal Poisson counts spread over the streets by a fixed weight each; schools report on school days
 * only (weekends and holidays read as missing); a few outbreaks in the last month.
 */

interface SignalModel {
  readonly channel: string;
  readonly signal: string;
  /** City-wide mean per day, and the seasonal amplitude (winter peak). */
  readonly mean: number;
  readonly season: number;
  readonly schoolDays?: boolean;
}

const syndromeMeans = [3000, 2500, 1500, 900, 400, 200, 120, 60, 30, 12, 6];

export const SIGNAL_MODELS: readonly SignalModel[] = [
  { channel: 'visit', signal: 'all', mean: 20_000, season: 0.2 },
  ...SYNDROME_IDS.map((id, i) => ({
    channel: 'visit',
    signal: id,
    mean: syndromeMeans[i] ?? 5,
    season: 0.4,
  })),
  ...(
    [
      ['influenza', 150, 0.8],
      ['hfmd', 40, 0.5],
      ['tuberculosis', 20, 0.1],
      ['hepatitis_b', 30, 0.05],
      ['syphilis', 25, 0.05],
      ['scarlet_fever', 5, 0.4],
      ['mumps', 6, 0.3],
      ['measles', 0.1, 0.3],
    ] as const
  ).map(([signal, mean, season]) => ({ channel: 'report-card', signal, mean, season })),
  ...(
    [
      ['antipyretic', 3000],
      ['cough_cold', 800],
      ['antidiarrheal', 600],
      ['antiviral', 400],
    ] as const
  ).map(([signal, mean]) => ({ channel: 'pharmacy', signal, mean, season: 0.3 })),
  ...SCHOOL_SIGNALS.map((signal, i) => ({
    channel: 'school',
    signal,
    mean: [800, 500, 200, 300][i] ?? 100,
    season: 0.4,
    schoolDays: true,
  })),
  { channel: 'lab', signal: 'influenza_a', mean: 60, season: 0.9 },
  { channel: 'lab', signal: 'rsv', mean: 20, season: 0.6 },
  { channel: 'lab', signal: 'norovirus', mean: 15, season: 0.5 },
  { channel: 'hotline', signal: 'all', mean: 1000, season: 0.1 },
  { channel: 'hotline', signal: 'fever_inquiry', mean: 50, season: 0.5 },
  { channel: 'hotline', signal: 'vaccine', mean: 30, season: 0.2 },
  { channel: 'opinion', signal: 'all', mean: 500, season: 0.1 },
  { channel: 'opinion', signal: 'epidemic', mean: 20, season: 0.3 },
];

/** A fixed linear congruential sequence: the same city on every run. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 2 ** 32;
  };
}

function poisson(mean: number, next: () => number): number {
  if (mean <= 0) return 0;
  if (mean > 30) {
    const z = Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  let k = 0;
  let p = Math.exp(-mean);
  let cumulative = p;
  const u = next();
  while (u > cumulative && k < 1000) {
    k += 1;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}

/** School holidays (summer and winter) and weekends: no school reports. */
function schoolDay(day: number): boolean {
  const weekday = (((day + 3) % 7) + 7) % 7; // 0 Monday
  if (weekday >= 5) return false;
  const md = dateOfDayNumber(day).slice(5);
  return !((md >= '07-10' && md <= '08-31') || (md >= '01-20' && md <= '02-20'));
}

export interface BenchCity {
  readonly root: string;
  readonly districts: readonly string[];
  /** Streets with their district. */
  readonly streets: readonly { readonly code: string; readonly district: string }[];
}

export async function readBenchCity(pool: pg.Pool): Promise<BenchCity> {
  const places = await pool.query<{ code: string; level: string; parent_code: string | null }>(
    `SELECT code, level, parent_code FROM place WHERE level IN ('city', 'district', 'street') ORDER BY code`,
  );
  const root = places.rows.find((p) => p.level === 'city')?.code ?? '4201';
  return {
    root,
    districts: places.rows.filter((p) => p.level === 'district').map((p) => p.code),
    streets: places.rows
      .filter((p) => p.level === 'street' && p.parent_code !== null)
      .map((p) => ({ code: p.code, district: p.parent_code! })),
  };
}

const copyLine = (channel: string, signal: string, place: string, monday: number, days: Float64Array) => {
  let total = 0;
  for (const d of days) total += d;
  const slots = `{${days.join(',')}}`;
  return `${channel}\t${signal}\t${place}\t${dateOfDayNumber(monday)}\t${total}\t${total}\t0\t${slots}\t${slots}\t{0,0,0,0,0,0,0}\n`;
};

/** Writes every model's series from `firstMonday` for `weeks` weeks; returns the rows written. */
export async function writeBenchSeries(
  pool: pg.Pool,
  city: BenchCity,
  firstMonday: string,
  weeks: number,
): Promise<number> {
  const next = random(20240630);
  const start = dayNumberOf(firstMonday);
  const days = weeks * 7;
  const weights = city.streets.map(() => 0.3 + 1.4 * next());
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const districtIndex = new Map(city.districts.map((d, i) => [d, i]));
  let rows = 0;
  const client = await pool.connect();
  try {
    for (const model of SIGNAL_MODELS) {
      // The last month's outbreaks: a few streets at four times their level for five days.
      const outbreaks = new Set(Array.from({ length: 3 }, () => Math.floor(next() * city.streets.length)));
      const lines: string[] = [];
      const street = new Float64Array(7);
      for (let w = 0; w < weeks; w++) {
        const monday = start + w * 7;
        const districtDays = city.districts.map(() => new Float64Array(7));
        const cityDays = new Float64Array(7);
        city.streets.forEach((s, i) => {
          for (let k = 0; k < 7; k++) {
            const day = monday + k;
            const doy = day % 365.25;
            const seasonal = 1 + model.season * Math.cos((2 * Math.PI * (doy - 15)) / 365.25);
            const open = !model.schoolDays || schoolDay(day);
            const outbreak = outbreaks.has(i) && day >= start + days - 12 && day < start + days - 7 ? 4 : 1;
            const mean = open ? (model.mean * seasonal * outbreak * weights[i]!) / totalWeight : 0;
            street[k] = poisson(mean, next);
          }
          const d = districtIndex.get(s.district);
          for (let k = 0; k < 7; k++) {
            if (d !== undefined) districtDays[d]![k]! += street[k]!;
            cityDays[k]! += street[k]!;
          }
          if (street.some((c) => c > 0))
            lines.push(copyLine(model.channel, model.signal, s.code, monday, street));
        });
        city.districts.forEach((code, d) => {
          if (districtDays[d]!.some((c) => c > 0))
            lines.push(copyLine(model.channel, model.signal, code, monday, districtDays[d]!));
        });
        if (cityDays.some((c) => c > 0))
          lines.push(copyLine(model.channel, model.signal, city.root, monday, cityDays));
      }
      rows += lines.length;
      await pipeline(
        Readable.from([Buffer.from(lines.join(''))]),
        client.query(
          copyStreams.from(
            `COPY series_week (channel, signal, place_code, week_start, count, records, denominator, day_counts,
                               day_records, day_denominators) FROM STDIN`,
          ),
        ),
      );
    }
  } finally {
    client.release();
  }
  return rows;
}
