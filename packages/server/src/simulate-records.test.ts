import { readFileSync } from 'node:fs';
import {
  classifyComplaint,
  parseScenario,
  SIM_CHANNELS,
  serverSignals,
  simulate,
  simulatedRecords,
  type CityInput,
  type SimRecord,
} from '@shaobing/engine';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Contribution, References } from './channels/channel.js';
import { channels } from './channels/channels.js';
import { isIssue } from './channels/checks.js';
import { notifiableDiseases } from './channels/notifiable-diseases.js';
import { cityFolder, readCity } from './city/read-city.js';

/**
 * The simulator's records (packages/engine/src/simulate) go through the real ingest checks: every record
 * of every channel parses with its channel's schema and derives without an issue against the real city
 * (read by the server's own reader) plus the simulated facilities, and feeds the signals the simulator's
 * totals say it does.
 */

const data = new URL('../../../data/', import.meta.url);
const TODAY = '2026-11-20';

let records: SimRecord[] = [];
let references: References;
let facilityPlace: Map<string, string>;

beforeAll(async () => {
  const { model } = await readCity(cityFolder('wuhan'));
  const festivals = parse<{ year: string; spring_festival_date: string }>(
    readFileSync(new URL('calendar/spring_festival.csv', data), 'utf8'),
    { columns: true, skip_empty_lines: true },
  );
  // The server's CityModel is the simulator's input as it stands: places and facilities pass unchanged.
  const input: CityInput = {
    id: model.city.id,
    code: model.city.code,
    name: model.city.name,
    facilityIdPrefix: 'WH',
    places: model.places,
    facilities: model.facilities,
    springFestivals: festivals.map((f) => ({ year: Number(f.year), date: f.spring_festival_date })),
  };
  const demo = parseScenario(readFileSync(new URL('scenarios/demo.json', data), 'utf8'));
  if (!demo.ok) throw new Error(JSON.stringify(demo.issues));
  const sim = simulate({ ...demo.scenario, period: { start: '2026-09-01', end: TODAY } }, input);
  // Records the sources have sent by the last day: what a loader would ingest on it.
  records = [...simulatedRecords(sim, { from: '2026-11-12', to: TODAY })].filter(
    (r) => r.reportedOn <= TODAY,
  );

  const parent = new Map(model.places.map((p) => [p.code, p.parentCode]));
  const chain = (code: string) => {
    const out: string[] = [];
    for (let at: string | null | undefined = code; at; at = parent.get(at)) out.push(at);
    return out;
  };
  facilityPlace = new Map(sim.city.facilities.map((f) => [f.id, f.placeCode]));
  references = {
    places: new Map(model.places.map((p) => [p.code, chain(p.code)])),
    facilities: facilityPlace,
    facilityTypes: new Map(sim.city.facilities.map((f) => [f.id, f.type])),
    rootPlace: model.city.code,
    diseases: notifiableDiseases(),
    nowMs: Date.parse(`${TODAY}T23:59:59+08:00`),
    today: TODAY,
  };
}, 120_000);

describe('simulated records through the ingest checks', () => {
  test('every channel is there', () => {
    expect(new Set(records.map((r) => r.channel))).toEqual(new Set(SIM_CHANNELS));
  });

  test.each(SIM_CHANNELS)(
    '%s: every record parses with the channel schema and derives without an issue',
    (channel) => {
      const definition = channels[channel];
      const problems: string[] = [];
      let checked = 0;
      for (const r of records) {
        if (r.channel !== channel) continue;
        checked++;
        const parsed = definition.schema.safeParse(r.record);
        if (!parsed.success) {
          problems.push(
            `${JSON.stringify(r.record)}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
          );
          continue;
        }
        const derived = definition.derive(parsed.data, references);
        if (isIssue(derived))
          problems.push(
            `${JSON.stringify(r.record)}: ${derived.field} ${derived.key} ${JSON.stringify(derived.params ?? {})}`,
          );
      }
      expect(problems.slice(0, 5)).toEqual([]);
      expect(checked).toBeGreaterThan(0);
    },
  );

  test('records derive the signals and places the simulator counts them under', () => {
    for (const r of records) {
      const definition = channels[r.channel];
      const derived = definition.derive(definition.schema.parse(r.record), references) as Contribution;
      expect(derived.eventDate).toBe(r.date);
      switch (r.channel) {
        case 'visit': {
          const expected = [
            'all',
            ...classifyComplaint(r.record.chiefComplaint ?? '', r.record.temperature).syndromes,
          ];
          expect(derived.signals).toEqual(expected);
          expect(derived.placeCode).toBe(r.record.residence ?? facilityPlace.get(r.record.facility));
          break;
        }
        case 'report-card':
          if (r.record.type === 'new')
            expect(derived.signals).toEqual(serverSignals('report-card', r.record.disease));
          break;
        case 'hotline':
        case 'opinion':
          expect(derived.signals).toEqual(serverSignals(r.channel, r.record.category ?? ''));
          break;
        case 'pharmacy':
        case 'school':
        case 'lab':
        case 'wastewater':
          expect(derived.facilityId).not.toBeNull();
          break;
      }
    }
  });

  test('report-card keys are unique and the simulated facilities all have a place in the city', () => {
    const cards = records.filter((r) => r.channel === 'report-card' && r.record.type === 'new');
    const keys = cards.map((r) =>
      channels['report-card'].key(channels['report-card'].schema.parse(r.record)),
    );
    expect(new Set(keys).size).toBe(keys.length);
    for (const place of facilityPlace.values()) expect(references.places.has(place)).toBe(true);
  });
});
