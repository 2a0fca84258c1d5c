import { dateOf } from '../calendar.js';
import type { SimFacility } from '../city/sim-facility.js';
import { LAB_PANELS, type LabPanelId } from '../models/channel-models.js';
import { drawDelay, REPORTING_DELAY } from '../models/delays.js';
import { Random, WeightedTable } from '../random.js';
import type { SimStreet } from '../city/sim-city.js';
import type { Simulation } from '../simulate.js';
import { baselineAt, compactDate, homesOf } from './common.js';
import type { LabRecord, SimRecord } from './types.js';

/**
 * One lab's samples of one panel on day index i: each sample is tested for every pathogen of its panel,
 * one row per pathogen. The day's baseline positives of each pathogen fall on distinct samples drawn at
 * random; an outbreak case's sample is positive for its pathogen and negative for the rest of the panel.
 */
/** One sample of a lab-day: where its patient lives, which of the panel's pathogens it is positive for. */
export interface LabSample {
  readonly community: string;
  readonly positive: readonly boolean[];
  readonly outbreak: string | null;
}

/**
 * A lab's samples of one panel on day index i (none when the lab is silent): baseline samples with homes
 * from the unit-day's home stream and the day's positives of each pathogen on distinct samples drawn at
 * random, then the outbreak cases' samples, positive for their pathogen only.
 */
export function labSamples(sim: Simulation, lab: SimFacility, panel: LabPanelId, i: number): LabSample[] {
  const pathogens = Object.keys(LAB_PANELS[panel].pathogens);
  const series = pathogens.map((p) => sim.book.ofFacility('lab', p, lab));
  const first = series[0];
  if (!first || Number.isNaN(first.values[i])) return [];
  const events = sim
    .eventsOn(i)
    .filter((e) => e.channel === 'lab' && e.facility === lab && pathogens.includes(e.series.key));
  const total = Math.round(first.denominator?.[i] ?? 0);
  const n = total - events.length;
  const homes = homesOf(sim, 'lab', `${panel}/${lab.id}`, i);
  const r = Random.derive(sim.seed, 'lab-sample', panel, lab.id, i);
  const positive = series.map((s) => {
    const flags = new Uint8Array(n);
    const k = s ? Math.min(n, baselineAt(s, i)) : 0;
    const order = r.shuffle(Array.from({ length: n }, (_, j) => j));
    for (let j = 0; j < k; j++) flags[order[j] as number] = 1;
    return flags;
  });
  const catchment = catchmentOf(sim, lab);
  const samples: LabSample[] = [];
  for (let j = 0; j < n; j++) {
    samples.push({
      community: homes.community(catchment.draw(homes.streets)),
      positive: positive.map((f) => f[j] === 1),
      outbreak: null,
    });
  }
  for (const e of events) {
    samples.push({
      community: e.case.community,
      positive: pathogens.map((p) => p === e.series.key),
      outbreak: e.outbreak,
    });
  }
  return samples;
}

/** The samples as records: one row per sample and pathogen, reported with the result. */
export function labRecords(sim: Simulation, lab: SimFacility, panel: LabPanelId, i: number): SimRecord[] {
  const pathogens = Object.keys(LAB_PANELS[panel].pathogens);
  const r = Random.derive(sim.seed, 'lab-record', panel, lab.id, i);
  const day = sim.first + i;
  const out: SimRecord[] = [];
  labSamples(sim, lab, panel, i).forEach((sample, j) => {
    const resultDay = day + Math.max(1, drawDelay(r, REPORTING_DELAY.lab));
    pathogens.forEach((pathogen, p) => {
      const record: LabRecord = {
        lab: lab.id,
        sampleId: `${lab.id}-${compactDate(day)}-${panel}-${String(j + 1).padStart(4, '0')}`,
        pathogen,
        result: sample.positive[p] ? 'positive' : 'negative',
        sampleDate: dateOf(day),
        resultDate: dateOf(resultDay),
        residence: sample.community,
        method: 'RT-PCR',
      };
      const caused = sample.outbreak !== null && sample.positive[p] ? { [sample.outbreak]: 1 } : null;
      out.push({
        channel: 'lab',
        record,
        date: record.sampleDate,
        reportedOn: record.resultDate,
        outbreak: caused,
      });
    });
  });
  return out;
}

const catchments = new WeakMap<Simulation, Map<string, WeightedTable<SimStreet>>>();

/** Where a lab's patients live: its catchment's streets by population. */
export function catchmentOf(sim: Simulation, lab: SimFacility): WeightedTable<SimStreet> {
  let tables = catchments.get(sim);
  if (!tables) catchments.set(sim, (tables = new Map<string, WeightedTable<SimStreet>>()));
  let table = tables.get(lab.id);
  if (!table) {
    const codes = new Set(lab.catchment ?? [lab.districtCode]);
    const streets = [...sim.city.street.values()].filter((s) => codes.has(s.districtCode));
    table = new WeightedTable(
      streets,
      streets.map((s) => s.population),
    );
    tables.set(lab.id, table);
  }
  return table;
}
