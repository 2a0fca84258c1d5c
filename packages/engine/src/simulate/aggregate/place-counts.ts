import { reportsVisits } from '../baseline/visits.js';
import { LAB_PANELS, type LabPanelId } from '../models/channel-models.js';
import { VISIT_CLASS_IDS } from '../models/visit-classes.js';
import { cardPlacement, reportersIn } from '../records/card-records.js';
import { baselineAt, homesOf } from '../records/common.js';
import { labSamples } from '../records/lab-records.js';
import { messagePlace } from '../records/message-records.js';
import { visitStreet } from '../records/visit-records.js';
import type { Simulation } from '../simulate.js';
import { Accumulator, type AggregateSeries } from './accumulator.js';
import { rangeOf, type AggregateOptions } from './range.js';
import { addAll, Targets } from './targets.js';

export type PlaceLevel = 'city' | 'district' | 'street';

/**
 * Daily totals per (channel, signal, place) at the chosen levels of the place tree, as the server's place
 * series would hold them had every record been ingested: a record counts at its residence (visits, cards,
 * lab samples), its named place (messages, posts) or its facility's place, and at every level above.
 * Streets are drawn from the same seeded streams as the records (records/common.ts), so a day's totals
 * equal those of its records exactly. Communities are left out (sparse; the recent weeks' records give them).
 */
export function placeCounts(
  sim: Simulation,
  options: AggregateOptions & { readonly levels?: readonly PlaceLevel[] } = {},
): AggregateSeries[] {
  const { from, to, days, channels } = rangeOf(sim, options);
  const levels = new Set<PlaceLevel>(options.levels ?? ['city', 'district']);
  const acc = new Accumulator(sim.first + from, days, 0);
  const targets = new Targets(acc, (place) => {
    const codes: string[] = [];
    if (levels.has('city')) codes.push(sim.city.code);
    if (levels.has('district') && place.length >= 6) codes.push(place.slice(0, 6));
    if (levels.has('street') && place.length >= 9) codes.push(place.slice(0, 9));
    return codes;
  });
  if (channels.has('visit')) visitTotals(sim, targets, levels, from, to);

  for (const s of sim.series) {
    if (!channels.has(s.channel) || s.channel === 'visit' || s.channel === 'lab') continue;
    const at = targets.of(s.channel, s.key);
    const own = at(s.placeCode);
    const district = s.districtCode === null ? undefined : sim.city.district.get(s.districtCode);
    for (let i = from; i <= to; i++) {
      const value = s.values[i] as number;
      if (value !== value) continue; // NaN: nothing reported
      const outbreak = s.outbreak ? (s.outbreak[i] as number) : 0;
      if (s.channel === 'report-card' || s.channel === 'hotline') {
        // Per-person channels: the baseline at the homes drawn as the records draw them; the outbreak's
        // cases are added from their events below.
        const n = baselineAt(s, i);
        if (n === 0 || !district) continue;
        const homes = homesOf(sim, s.channel, `${s.key}/${district.code}`, i);
        if (s.channel === 'hotline') {
          for (let k = n; k > 0; k--) addAll(at(messagePlace(homes, district).code), i - from, 1, 1);
        } else {
          const reporters = reportersIn(sim, district.code);
          for (let k = n; k > 0; k--)
            addAll(at(cardPlacement(homes, district, reporters).street.code), i - from, 1, 1);
        }
      } else if (s.channel === 'opinion') {
        if (value > 0) addAll(own, i - from, value, value, 0, outbreak);
      } else {
        const denominator = s.denominator ? (s.denominator[i] as number) : 0;
        addAll(own, i - from, value, 1, s.channel === 'school' ? denominator : 0, outbreak);
      }
    }
  }

  if (channels.has('lab')) {
    for (const lab of sim.city.facilities) {
      if (lab.reports !== 'lab') continue;
      for (const panel of Object.keys(LAB_PANELS) as LabPanelId[]) {
        const at = Object.keys(LAB_PANELS[panel].pathogens).map((p) => targets.of('lab', p));
        for (let i = from; i <= to; i++) {
          for (const sample of labSamples(sim, lab, panel, i)) {
            at.forEach((target, j) => {
              const positive = sample.positive[j] ? 1 : 0;
              addAll(
                target(sample.community),
                i - from,
                positive,
                1,
                1,
                sample.outbreak !== null ? positive : 0,
              );
            });
          }
        }
      }
    }
  }

  // Outbreak cases on the per-case channels count at their homes (messages at the street they name).
  for (let i = from; i <= to; i++) {
    for (const e of sim.eventsOn(i)) {
      if (!channels.has(e.channel) || e.channel === 'lab' || e.channel === 'opinion') continue;
      const place = e.channel === 'hotline' ? (e.placeCode ?? e.case.streetCode) : e.case.community;
      addAll(targets.of(e.channel, e.series.key)(place), i - from, 1, 1, 0, 1);
    }
  }
  return acc.series();
}

/**
 * Visits are most of the records (millions a year): they are summed per (finest place, complaint class,
 * day) in dense arrays first, and only then into the tallies of every signal and level.
 */
function visitTotals(
  sim: Simulation,
  targets: Targets,
  levels: ReadonlySet<PlaceLevel>,
  from: number,
  to: number,
): void {
  const days = to - from + 1;
  const streets = [...sim.city.street.values()];
  const districts = sim.city.districts.map((d) => d.code);
  const finest = levels.has('street') ? 'street' : levels.has('district') ? 'district' : 'city';
  const groups =
    finest === 'street' ? streets.map((s) => s.code) : finest === 'district' ? districts : [sim.city.code];
  const groupOf = Int32Array.from(streets, (s) =>
    finest === 'street' ? s.index : finest === 'district' ? districts.indexOf(s.districtCode) : 0,
  );
  const classes = VISIT_CLASS_IDS.length;
  const dense = new Float32Array(groups.length * classes * days);
  /** Visits whose record gives no residence count at the facility's place. */
  const unplaced = new Map<string, Float32Array>();
  for (const f of sim.city.facilities) {
    if (!reportsVisits(f)) continue;
    const catchment = sim.city.residence(f.districtCode);
    const series = VISIT_CLASS_IDS.map((c) => sim.book.ofFacility('visit', c, f));
    let atFacility = unplaced.get(f.placeCode);
    if (!atFacility) unplaced.set(f.placeCode, (atFacility = new Float32Array(classes * days)));
    for (let i = from; i <= to; i++) {
      const homes = homesOf(sim, 'visit', f.id, i);
      for (let c = 0; c < classes; c++) {
        const s = series[c];
        if (!s) continue;
        for (let k = baselineAt(s, i); k > 0; k--) {
          const street = visitStreet(homes, catchment);
          const cell = street
            ? ((groupOf[street.index] as number) * classes + c) * days + (i - from)
            : c * days + (i - from);
          const into = street ? dense : atFacility;
          into[cell] = (into[cell] as number) + 1;
        }
      }
    }
  }
  const flush = (values: Float32Array, offset: number, place: string, c: number) => {
    const at = targets.of('visit', VISIT_CLASS_IDS[c] as string);
    let list: ReturnType<typeof at> | undefined;
    for (let d = 0; d < days; d++) {
      const n = values[offset + d] as number;
      if (n > 0) addAll((list ??= at(place)), d, n, n);
    }
  };
  for (let g = 0; g < groups.length; g++) {
    for (let c = 0; c < classes; c++) flush(dense, (g * classes + c) * days, groups[g] as string, c);
  }
  for (const [place, values] of unplaced) for (let c = 0; c < classes; c++) flush(values, c * days, place, c);
}
