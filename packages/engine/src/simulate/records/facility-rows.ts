import { dateOf } from '../calendar.js';
import type { SimFacility } from '../city/sim-facility.js';
import { PHARMACY_MODELS, SCHOOL_MODELS, WASTEWATER_MODELS } from '../models/channel-models.js';
import { drawDelay, REPORTING_DELAY } from '../models/delays.js';
import { Random } from '../random.js';
import type { Simulation } from '../simulate.js';
import { outbreakShare } from './common.js';
import type { SimRecord } from './types.js';

/**
 * Channels whose records are daily rows per facility: a store's units per drug class, a school's absences,
 * a wastewater site's concentrations. A row holds baseline and outbreak together; its `outbreak` says how
 * much each outbreak added. No row on a day the facility was silent (or closed, or took no sample).
 */

const merge = (shares: (Record<string, number> | null)[]) => {
  const out: Record<string, number> = {};
  for (const s of shares) if (s) for (const [id, v] of Object.entries(s)) out[id] = (out[id] ?? 0) + v;
  return Object.keys(out).length > 0 ? out : null;
};

export function pharmacyRows(sim: Simulation, store: SimFacility, i: number): SimRecord[] {
  const r = Random.derive(sim.seed, 'pharmacy-record', store.id, i);
  const day = sim.first + i;
  const reportedOn = dateOf(day + drawDelay(r, REPORTING_DELAY.pharmacy));
  const rows: SimRecord[] = [];
  for (const drugClass of Object.keys(PHARMACY_MODELS)) {
    const series = sim.book.ofFacility('pharmacy', drugClass, store);
    const units = series?.values[i];
    if (!series || units === undefined || Number.isNaN(units)) continue;
    rows.push({
      channel: 'pharmacy',
      record: { store: store.id, date: dateOf(day), drugClass, units },
      date: dateOf(day),
      reportedOn,
      outbreak: outbreakShare(sim, series, i),
    });
  }
  return rows;
}

export function schoolRow(sim: Simulation, school: SimFacility, i: number): SimRecord[] {
  const columns = Object.keys(SCHOOL_MODELS).map((c) => sim.book.ofFacility('school', c, school));
  const values = columns.map((s) => s?.values[i]);
  if (values.some((v) => v === undefined || Number.isNaN(v))) return [];
  const [fever, respiratory, gi, other] = values as number[];
  const day = sim.first + i;
  const r = Random.derive(sim.seed, 'school-record', school.id, i);
  return [
    {
      channel: 'school',
      record: {
        school: school.id,
        date: dateOf(day),
        enrolled: school.school?.enrolled ?? 0,
        absentFever: fever as number,
        absentRespiratory: respiratory as number,
        absentGi: gi as number,
        absentOther: other as number,
      },
      date: dateOf(day),
      reportedOn: dateOf(day + drawDelay(r, REPORTING_DELAY.school)),
      outbreak: merge(columns.map((s) => (s ? outbreakShare(sim, s, i) : null))),
    },
  ];
}

/** Daily flow at a plant: about 0.3 m³ per resident of its catchment. */
const FLOW_PER_RESIDENT = 0.3;

export function wastewaterRows(sim: Simulation, site: SimFacility, i: number): SimRecord[] {
  const r = Random.derive(sim.seed, 'wastewater-record', site.id, i);
  const day = sim.first + i;
  const population = (site.catchment ?? []).reduce(
    (s, d) => s + (sim.city.district.get(d)?.population ?? 0),
    0,
  );
  const flow = Math.round(population * FLOW_PER_RESIDENT * r.lognormal(0, 0.1));
  const reportedOn = dateOf(day + drawDelay(r, REPORTING_DELAY.wastewater));
  const rows: SimRecord[] = [];
  for (const target of Object.keys(WASTEWATER_MODELS)) {
    const series = sim.book.ofFacility('wastewater', target, site);
    const concentration = series?.values[i];
    if (!series || concentration === undefined || Number.isNaN(concentration)) continue;
    rows.push({
      channel: 'wastewater',
      record: { site: site.id, date: dateOf(day), target, concentration, flow },
      date: dateOf(day),
      reportedOn,
      outbreak: outbreakShare(sim, series, i),
    });
  }
  return rows;
}
