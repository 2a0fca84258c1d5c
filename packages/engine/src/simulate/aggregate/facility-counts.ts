import type { SimDistrict } from '../city/sim-city.js';
import { LAB_PANELS, type LabPanelId } from '../models/channel-models.js';
import { cardPlacement, reportersIn } from '../records/card-records.js';
import { baselineAt, homesOf } from '../records/common.js';
import { labSamples } from '../records/lab-records.js';
import type { Simulation } from '../simulate.js';
import { Accumulator, bump, type AggregateSeries } from './accumulator.js';
import { rangeOf, type AggregateOptions } from './range.js';
import { addAll, Targets } from './targets.js';

/** The signal of a facility's series that counts all its records of the day (the server's '_records'). */
export const RECORDS_SIGNAL = '_records';

/**
 * Daily totals per (channel, signal, facility) — the server's facility series — with `_records` counting
 * every record of the facility that day. A day the facility sent nothing is NaN (missing, not zero): a
 * silent facility, a closed school, a wastewater site on a day without a sample; a signal with nothing on a
 * day its facility did report is 0. Report cards count at the clinic that reported them. Hotline and
 * opinion have no facility.
 */
export function facilityCounts(sim: Simulation, options: AggregateOptions = {}): AggregateSeries[] {
  const { from, to, days, channels } = rangeOf(sim, options);
  const acc = new Accumulator(sim.first + from, days, NaN);
  const targets = new Targets(acc, (facility) => [facility], RECORDS_SIGNAL);

  for (const s of sim.series) {
    if (!channels.has(s.channel) || s.channel === 'lab' || s.channel === 'hotline' || s.channel === 'opinion')
      continue;
    const at = targets.of(s.channel, s.key);
    if (s.channel === 'report-card') {
      const district = sim.city.district.get(s.placeCode) as SimDistrict;
      const reporters = reportersIn(sim, district.code);
      for (let i = from; i <= to; i++) {
        const n = baselineAt(s, i);
        if (n === 0) continue;
        const homes = homesOf(sim, 'report-card', `${s.key}/${district.code}`, i);
        for (let k = n; k > 0; k--)
          addAll(at(cardPlacement(homes, district, reporters).reporter.id), i - from, 1, 1);
      }
      continue;
    }
    if (!s.facility) continue;
    const list = at(s.facility.id);
    const signals = list.slice(0, -1);
    const records = list[list.length - 1] as (typeof list)[number];
    for (let i = from; i <= to; i++) {
      const value = s.values[i] as number;
      if (value !== value) continue;
      const outbreak = s.outbreak ? (s.outbreak[i] as number) : 0;
      if (s.channel === 'visit') {
        // Each visit is a record; a class without visits that day adds none but marks the day reported.
        addAll(signals, i - from, value, value, 0, outbreak);
        bump(records, i - from, value, value);
      } else {
        // A row is one record: a school's row feeds its four columns once.
        const school = s.channel === 'school';
        addAll(signals, i - from, value, 1, school && s.denominator ? s.denominator[i] : 0, outbreak);
        const rows = school && s.key !== 'absent_fever' ? 0 : 1;
        bump(records, i - from, rows, rows);
      }
    }
  }

  if (channels.has('lab')) {
    for (const lab of sim.city.facilities) {
      if (lab.reports !== 'lab') continue;
      for (const panel of Object.keys(LAB_PANELS) as LabPanelId[]) {
        const at = Object.keys(LAB_PANELS[panel].pathogens).map((p) => {
          const list = targets.of('lab', p)(lab.id);
          return { signals: list.slice(0, -1), records: list[list.length - 1] as (typeof list)[number] };
        });
        for (let i = from; i <= to; i++) {
          for (const sample of labSamples(sim, lab, panel, i)) {
            at.forEach(({ signals, records }, j) => {
              const positive = sample.positive[j] ? 1 : 0;
              addAll(signals, i - from, positive, 1, 1, sample.outbreak !== null ? positive : 0);
              bump(records, i - from, 1, 1);
            });
          }
        }
      }
    }
  }

  if (channels.has('report-card')) {
    for (let i = from; i <= to; i++) {
      for (const e of sim.eventsOn(i)) {
        if (e.channel === 'report-card' && e.facility)
          addAll(targets.of('report-card', e.series.key)(e.facility.id), i - from, 1, 1, 0, 1);
      }
    }
  }
  return zeroOnReportedDays(acc.series());
}

/** A signal with nothing on a day its facility did report is zero that day, not missing. */
function zeroOnReportedDays(series: AggregateSeries[]): AggregateSeries[] {
  const reported = new Map<string, Float32Array>();
  for (const s of series) if (s.signal === RECORDS_SIGNAL) reported.set(`${s.channel}|${s.unit}`, s.count);
  for (const s of series) {
    const days = reported.get(`${s.channel}|${s.unit}`);
    if (!days || s.signal === RECORDS_SIGNAL) continue;
    for (let i = 0; i < s.count.length; i++)
      if (Number.isNaN(s.count[i]) && !Number.isNaN(days[i])) s.count[i] = 0;
  }
  return series;
}
