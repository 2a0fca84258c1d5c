import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { classifyComplaint } from '../../syndromes/classify.js';
import { facilityCounts, RECORDS_SIGNAL } from '../aggregate/facility-counts.js';
import { placeCounts } from '../aggregate/place-counts.js';
import { DISEASE_GROUPS } from '../aggregate/signals.js';
import { dayOf } from '../calendar.js';
import { parseScenario } from '../scenario/validate.js';
import { simulate } from '../simulate.js';
import { wuhanInput } from '../testing/wuhan.js';
import { simulatedRecords } from './records.js';
import type { SimRecord } from './types.js';

// The demo's outbreaks over a short period: records of the week they grow in.
const demo = parseScenario(
  readFileSync(new URL('../../../../../data/scenarios/demo.json', import.meta.url), 'utf8'),
);
if (!demo.ok) throw new Error('demo.json');
const sim = simulate({ ...demo.scenario, period: { start: '2026-08-01', end: '2026-11-20' } }, wuhanInput());
const week = { from: '2026-11-10', to: '2026-11-16' };
const records = [...simulatedRecords(sim, week)];

/** What the server's ingest derives from a record: where it counts, its facility, signals with amounts. */
function contribution(r: SimRecord) {
  const placeOf = (facility: string) => sim.city.facility.get(facility)?.placeCode ?? '?';
  switch (r.channel) {
    case 'visit': {
      const { syndromes } = classifyComplaint(r.record.chiefComplaint ?? '', r.record.temperature);
      return {
        place: r.record.residence ?? placeOf(r.record.facility),
        facility: r.record.facility,
        signals: ['all', ...syndromes],
        amount: 1,
        denominator: 0,
      };
    }
    case 'report-card': {
      const group = DISEASE_GROUPS[r.record.disease];
      return {
        place: r.record.residence ?? '?',
        facility: r.record.facility,
        signals: group ? [r.record.disease, group] : [r.record.disease],
        amount: 1,
        denominator: 0,
      };
    }
    case 'pharmacy':
      return {
        place: placeOf(r.record.store),
        facility: r.record.store,
        signals: [r.record.drugClass],
        amount: r.record.units,
        denominator: 0,
      };
    case 'school':
      return {
        place: placeOf(r.record.school),
        facility: r.record.school,
        signals: [],
        amount: 0,
        denominator: r.record.enrolled,
        columns: [r.record.absentFever, r.record.absentRespiratory, r.record.absentGi, r.record.absentOther],
      };
    case 'lab':
      return {
        place: r.record.residence ?? placeOf(r.record.lab),
        facility: r.record.lab,
        signals: [r.record.pathogen],
        amount: r.record.result === 'positive' ? 1 : 0,
        denominator: 1,
      };
    case 'hotline':
      return {
        place: r.record.place ?? sim.city.code,
        facility: null,
        signals: ['all', r.record.category ?? ''],
        amount: 1,
        denominator: 0,
      };
    case 'opinion':
      return {
        place: r.record.place ?? sim.city.code,
        facility: null,
        signals: ['all', r.record.category ?? ''],
        amount: 1,
        denominator: 0,
      };
    case 'wastewater':
      return {
        place: placeOf(r.record.site),
        facility: r.record.site,
        signals: [r.record.target],
        amount: r.record.concentration,
        denominator: 0,
      };
  }
}

const SCHOOL_SIGNALS = ['absent_fever', 'absent_respiratory', 'absent_gi', 'absent_other'];

/** Sums the records as the server's place series (every level down to streets) and facility series would. */
function sumRecords() {
  const place = new Map<string, number>();
  const facility = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string, x: number) => map.set(key, (map.get(key) ?? 0) + x);
  for (const r of records) {
    if (r.channel === 'report-card' && r.record.type === 'correction') continue; // replaces, counts once
    const c = contribution(r);
    const signals = c.columns ? SCHOOL_SIGNALS : c.signals;
    const amounts = c.columns ?? signals.map(() => c.amount);
    const codes = [
      sim.city.code,
      ...(c.place.length >= 6 ? [c.place.slice(0, 6)] : []),
      ...(c.place.length >= 9 ? [c.place.slice(0, 9)] : []),
    ];
    signals.forEach((signal, k) => {
      for (const code of codes) bump(place, `${r.channel}|${signal}|${code}|${r.date}`, amounts[k] as number);
      if (c.facility) bump(facility, `${r.channel}|${signal}|${c.facility}|${r.date}`, amounts[k] as number);
    });
    if (c.facility) bump(facility, `${r.channel}|${RECORDS_SIGNAL}|${c.facility}|${r.date}`, 1);
  }
  return { place, facility };
}

/** The aggregated totals as the same keys (days with nothing left out). */
function totals(series: ReturnType<typeof placeCounts>) {
  const map = new Map<string, number>();
  for (const s of series) {
    s.count.forEach((x, i) => {
      if (x > 0)
        map.set(
          `${s.channel}|${s.signal}|${s.unit}|${new Date((dayOf(s.from) + i) * 86_400_000).toISOString().slice(0, 10)}`,
          x,
        );
    });
  }
  return map;
}

const nonZero = (m: Map<string, number>) =>
  new Map([...m].filter(([, x]) => x > 0).map(([k, x]) => [k, Math.round(x * 1000) / 1000]));

describe('records', () => {
  test('every channel writes records, some of them caused by the outbreaks', () => {
    const channels = new Set(records.map((r) => r.channel));
    expect([...channels].sort()).toEqual([
      'hotline',
      'lab',
      'opinion',
      'pharmacy',
      'report-card',
      'school',
      'visit',
      'wastewater',
    ]);
    expect(records.filter((r) => r.outbreak !== null).length).toBeGreaterThan(100);
  });

  test('summed as the server sums them, the records are the place totals, down to streets, signal by signal', () => {
    const fromRecords = nonZero(sumRecords().place);
    const aggregated = nonZero(totals(placeCounts(sim, { ...week, levels: ['city', 'district', 'street'] })));
    const differing = [...new Set([...fromRecords.keys(), ...aggregated.keys()])].filter(
      (k) => fromRecords.get(k) !== aggregated.get(k),
    );
    expect(
      differing.slice(0, 10).map((k) => `${k}: records ${fromRecords.get(k)} totals ${aggregated.get(k)}`),
    ).toEqual([]);
    expect(fromRecords.size).toBeGreaterThan(10_000);
  });

  test('… and the facility totals, with _records counting each facility’s records of the day', () => {
    const fromRecords = nonZero(sumRecords().facility);
    const aggregated = nonZero(totals(facilityCounts(sim, week)));
    const differing = [...new Set([...fromRecords.keys(), ...aggregated.keys()])].filter(
      (k) => fromRecords.get(k) !== aggregated.get(k),
    );
    expect(
      differing.slice(0, 10).map((k) => `${k}: records ${fromRecords.get(k)} totals ${aggregated.get(k)}`),
    ).toEqual([]);
  });

  test('the outbreak marks on the records add up to the ground truth', () => {
    const from = dayOf(week.from) - sim.first;
    const to = dayOf(week.to) - sim.first;
    for (const truth of sim.outbreaks) {
      for (const channel of ['visit', 'report-card', 'hotline'] as const) {
        let expected = 0;
        for (const [index, counts] of truth.counts) {
          if (sim.series[index]!.channel === channel)
            for (let i = from; i <= to; i++) expected += counts[i] as number;
        }
        const marked = records.filter(
          (r) => r.channel === channel && !(r.channel === 'report-card' && r.record.type === 'correction'),
        );
        expect(
          marked.reduce((s, r) => s + (r.outbreak?.[truth.id] ?? 0), 0),
          `${truth.id} ${channel}`,
        ).toBe(expected);
      }
    }
  });

  test('a sub-range gives the same records as the whole range on its days; the same seed the same records', () => {
    const tail = [...simulatedRecords(sim, { from: '2026-11-15', to: '2026-11-16' })];
    expect(tail).toEqual(records.filter((r) => r.date >= '2026-11-15'));
    const again = simulate(
      { ...demo.scenario, period: { start: '2026-08-01', end: '2026-11-20' } },
      wuhanInput(),
    );
    expect([...simulatedRecords(again, { from: '2026-11-16', to: '2026-11-16' })]).toEqual(
      tail.filter((r) => r.date === '2026-11-16'),
    );
  });

  test('personal data is fake but well formed: ID numbers with their check digit and residence, mobile numbers', () => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    for (const r of records) {
      if (r.channel !== 'report-card') continue;
      const id = r.record.idNumber ?? '';
      const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0);
      expect(id).toMatch(/^\d{17}[\dX]$/);
      expect('10X98765432'[sum % 11]).toBe(id[17]);
      expect(id.slice(0, 6)).toBe(r.record.residence?.slice(0, 6));
      const born = Number(id.slice(6, 10));
      expect(Number(r.record.onsetDate.slice(0, 4)) - born - (r.record.age ?? 0)).toBeGreaterThanOrEqual(-1);
      expect(Number(r.record.onsetDate.slice(0, 4)) - born - (r.record.age ?? 0)).toBeLessThanOrEqual(2);
      expect(r.record.phone).toMatch(/^1[3-9]\d{9}$/);
    }
  });

  test('records arrive on or after their day; visits are in time order with unique numbers per facility', () => {
    expect(records.every((r) => r.reportedOn >= r.date)).toBe(true);
    const seen = new Set<string>();
    let last = '';
    for (const r of records) {
      if (r.channel !== 'visit') continue;
      const key = `${r.record.facility}/${r.record.visitId}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      if (r.record.visitId.endsWith('00001')) last = '';
      expect(r.record.time >= last).toBe(true);
      last = r.record.time;
    }
  });
});
