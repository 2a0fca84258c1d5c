import { dayOf } from '../calendar.js';
import { LAB_PANELS, type LabPanelId } from '../models/channel-models.js';
import { reportsVisits } from '../baseline/visits.js';
import { SIM_CHANNELS, type SimChannel } from '../series.js';
import type { Simulation } from '../simulate.js';
import { cardRecords } from './card-records.js';
import { pharmacyRows, schoolRow, wastewaterRows } from './facility-rows.js';
import { labRecords } from './lab-records.js';
import { hotlineRecords, opinionRecords } from './message-records.js';
import type { SimRecord } from './types.js';
import { visitRecords } from './visit-records.js';

export interface RecordOptions {
  /** First and last event day, 'YYYY-MM-DD' (default: the whole period). */
  readonly from?: string;
  readonly to?: string;
  /** The channels to write (default: all). */
  readonly channels?: readonly SimChannel[];
}

/**
 * The individual records of a simulation, lazily: day by day (by event day), channel by channel, unit by
 * unit, so memory holds one unit-day at a time. Each unit-day is written from its own seeded streams,
 * so any date range gives the same records as the whole period would on those days, and the records add
 * up exactly to the aggregated counts (visits by complaint class, cards by disease, units, absences,
 * positives, messages, concentrations).
 */
export function* simulatedRecords(sim: Simulation, options: RecordOptions = {}): Generator<SimRecord> {
  const from = Math.max(0, options.from === undefined ? 0 : dayOf(options.from) - sim.first);
  const to = Math.min(
    sim.count - 1,
    options.to === undefined ? sim.count - 1 : dayOf(options.to) - sim.first,
  );
  const channels = new Set(options.channels ?? SIM_CHANNELS);
  const facilities = sim.city.facilities;
  const placeSeries = (channel: SimChannel) => sim.series.filter((s) => s.channel === channel);
  const cards = placeSeries('report-card');
  const hotline = placeSeries('hotline');
  const opinion = placeSeries('opinion');
  for (let i = from; i <= to; i++) {
    if (channels.has('visit'))
      for (const f of facilities) if (reportsVisits(f)) yield* visitRecords(sim, f, i);
    if (channels.has('report-card')) for (const s of cards) yield* cardRecords(sim, s, i);
    if (channels.has('pharmacy'))
      for (const f of facilities) if (f.reports === 'pharmacy') yield* pharmacyRows(sim, f, i);
    if (channels.has('school'))
      for (const f of facilities) if (f.reports === 'school') yield* schoolRow(sim, f, i);
    if (channels.has('lab')) {
      for (const f of facilities) {
        if (f.reports !== 'lab') continue;
        for (const panel of Object.keys(LAB_PANELS) as LabPanelId[]) yield* labRecords(sim, f, panel, i);
      }
    }
    if (channels.has('hotline')) for (const s of hotline) yield* hotlineRecords(sim, s, i);
    if (channels.has('opinion')) for (const s of opinion) yield* opinionRecords(sim, s, i);
    if (channels.has('wastewater'))
      for (const f of facilities) if (f.reports === 'wastewater_site') yield* wastewaterRows(sim, f, i);
  }
}
