import type { SimCity } from '../city/sim-city.js';
import type { SimFacility } from '../city/sim-facility.js';
import { visitRate } from '../baseline/visits.js';
import { panelOf } from '../baseline/labs-and-wastewater.js';
import { LAB_PANELS, WASTEWATER_SAMPLING_WEEKDAYS } from '../models/channel-models.js';
import { DIAGNOSIS_TO_REPORT, drawDelay, drawDiagnosisDelay } from '../models/delays.js';
import { Random, WeightedTable } from '../random.js';
import type { OutbreakSpec } from '../scenario/schema.js';
import type { SeriesBook } from '../series-book.js';
import type { SimChannel, SimSeries } from '../series.js';
import { weekdayAt } from '../baseline/draw.js';
import { chooseCases, facilityTable, lagOf, outbreakCases, type OutbreakCase } from './cases.js';
import { resolveFootprint } from './footprint.js';
import type { OutbreakPlace } from './place.js';
import { zeroByChannel, type CaseEvent, type OutbreakTruth } from './truth.js';

/**
 * Injects one outbreak on top of the baseline: draws its cases, and for every channel of its footprint adds
 * what those cases cause — to the series (counts and ground truth) and, on per-case channels, as events
 * from which records are written. A case whose channel day falls on a silent facility, a closed school or
 * outside the period is counted as lost, not added.
 */
export interface InjectionTarget {
  readonly city: SimCity;
  readonly seed: number;
  readonly first: number;
  readonly count: number;
  readonly book: SeriesBook;
  readonly events: CaseEvent[];
}

export function injectOutbreak(
  target: InjectionTarget,
  spec: OutbreakSpec,
  place: OutbreakPlace,
): OutbreakTruth {
  const { city, book, count } = target;
  const random = (channel: string) => Random.derive(target.seed, 'outbreak', spec.id, channel);
  const startIndex = Date.parse(spec.start) / 86_400_000 - target.first;
  const cases = outbreakCases(city, spec, place, startIndex, random('cases'));
  const footprint = resolveFootprint(spec, place.facility?.reports === 'school');
  const truth: OutbreakTruth = {
    id: spec.id,
    pathogen: spec.pathogen,
    place: spec.place,
    start: spec.start,
    size: spec.size,
    cases,
    counts: new Map(),
    added: zeroByChannel(),
    lost: zeroByChannel(),
  };
  const inPeriod = (day: number) => day >= 0 && day < count;
  /** Adds to a series' day; false (and counted lost) when nothing was reported there that day. */
  const add = (
    channel: SimChannel,
    series: SimSeries | undefined,
    day: number,
    amount: number,
    denominator = 0,
  ) => {
    const value = series && inPeriod(day) ? series.values[day] : NaN;
    if (series === undefined || value === undefined || Number.isNaN(value)) {
      truth.lost[channel] += amount;
      return false;
    }
    series.values[day] = value + amount;
    series.outbreak ??= new Float32Array(count);
    series.outbreak[day] = (series.outbreak[day] as number) + amount;
    if (series.denominator && denominator)
      series.denominator[day] = (series.denominator[day] as number) + denominator;
    let own = truth.counts.get(series.index);
    if (!own) truth.counts.set(series.index, (own = new Float32Array(count)));
    own[day] = (own[day] as number) + amount;
    truth.added[channel] += amount;
    return true;
  };
  const event = (e: Omit<CaseEvent, 'outbreak' | 'diagnosisDay' | 'reportDay'> & Partial<CaseEvent>) =>
    target.events.push({ outbreak: spec.id, diagnosisDay: e.day, reportDay: e.day, ...e });

  // Visits: at a clinic of the case's district that sees the complaint class, by size.
  const visitClass = footprint.visit.visitClass;
  const visited = new Map<OutbreakCase, SimFacility>();
  const rv = random('visit');
  for (const c of chooseCases(cases, footprint.visit.fraction, rv)) {
    const clinic = facilityTable(city, c.districtCode, (f) => f.size * visitRate(f, visitClass))?.draw(rv);
    const day = c.onset + lagOf(footprint.visit.lagDays, rv);
    const series = clinic && book.ofFacility('visit', visitClass, clinic);
    if (add('visit', series, day, 1) && clinic && series) {
      visited.set(c, clinic);
      event({ case: c, channel: 'visit', series, day, facility: clinic, placeCode: null });
    }
  }

  // Report cards: counted on the onset day at the residence district; diagnosed and reported later.
  const card = footprint.reportCard;
  const rc = random('report-card');
  if (card.disease !== null) {
    for (const c of chooseCases(cases, card.fraction, rc)) {
      const series = book.place('report-card', card.disease, c.districtCode, c.districtCode);
      const diagnosisDay = c.onset + drawDiagnosisDelay(rc, card.diagnosisDelayDays);
      const reportDay = diagnosisDay + drawDelay(rc, DIAGNOSIS_TO_REPORT);
      const facility =
        visited.get(c) ??
        facilityTable(city, c.districtCode, (f) =>
          f.reports === 'fever_clinic' || f.reports === 'sentinel_hospital' ? f.size : 0,
        )?.draw(rc);
      if (facility && add('report-card', series, c.onset, 1)) {
        event({
          case: c,
          channel: 'report-card',
          series,
          day: c.onset,
          diagnosisDay,
          reportDay,
          facility,
          placeCode: null,
        });
      }
    }
  }

  // Pharmacy: each buying case takes its units of every drug class at a store nearby (own street first).
  const rp = random('pharmacy');
  for (const c of chooseCases(cases, footprint.pharmacy.fraction, rp)) {
    const store = facilityTable(city, c.districtCode, (f) =>
      f.reports === 'pharmacy' ? f.size * (f.placeCode === c.streetCode ? 5 : 1) : 0,
    )?.draw(rp);
    const day = c.onset + lagOf(footprint.pharmacy.lagDays, rp);
    for (const [drug, units] of footprint.pharmacy.units) {
      if (!store) truth.lost.pharmacy += units;
      else add('pharmacy', book.ofFacility('pharmacy', drug, store), day, units);
    }
  }

  // Schools: a sick pupil is absent on each school day of the absence (the outbreak's school, else one of
  // the district's sampled schools by enrolment).
  const school = footprint.school;
  const rs = random('school');
  for (const c of chooseCases(cases, school.fraction, rs)) {
    const at = c.school ?? facilityTable(city, c.districtCode, (f) => f.school?.enrolled ?? 0)?.draw(rs);
    const begin = c.onset + lagOf(school.lagDays, rs);
    for (let day = begin; day < begin + school.absenceDays; day++) {
      const series = at && book.ofFacility('school', school.column, at);
      if (!series || !inPeriod(day) || roomAt(book, at, day) < 1) truth.lost.school += 1;
      else add('school', series, day, 1);
    }
  }

  // Labs: one sample of the pathogen's panel, positive for it, at a lab whose catchment holds the case.
  const lab = footprint.lab;
  const rl = random('lab');
  const panel = lab.pathogen === null ? undefined : panelOf(lab.pathogen);
  if (lab.pathogen !== null && panel) {
    for (const c of chooseCases(cases, lab.fraction, rl)) {
      const chosen = labsFor(city, c.districtCode)?.draw(rl);
      const day = c.onset + lagOf(lab.lagDays, rl);
      const series = chosen && book.ofFacility('lab', lab.pathogen, chosen);
      if (chosen && series && add('lab', series, day, 1, 1)) {
        for (const other of Object.keys(LAB_PANELS[panel].pathogens)) {
          const s = other === lab.pathogen ? undefined : book.ofFacility('lab', other, chosen);
          if (s?.denominator) s.denominator[day] = (s.denominator[day] as number) + 1;
        }
        event({ case: c, channel: 'lab', series, day, facility: chosen, placeCode: null });
      }
    }
  }

  // Hotline and opinion: a message on the topic from the case's street (posts name the district half the time).
  const rh = random('hotline');
  for (const c of chooseCases(cases, footprint.hotline.fraction, rh)) {
    const series = book.place('hotline', footprint.hotline.category, c.districtCode, c.districtCode);
    const day = c.onset + lagOf(footprint.hotline.lagDays, rh);
    if (add('hotline', series, day, 1))
      event({ case: c, channel: 'hotline', series, day, facility: null, placeCode: c.streetCode });
  }
  const ro = random('opinion');
  for (const c of chooseCases(cases, footprint.opinion.fraction, ro)) {
    const named = ro.chance(0.5);
    const placeCode = named ? c.districtCode : city.code;
    const series = book.place(
      'opinion',
      footprint.opinion.category,
      placeCode,
      named ? c.districtCode : null,
    );
    const day = c.onset + lagOf(footprint.opinion.lagDays, ro);
    if (add('opinion', series, day, 1))
      event({
        case: c,
        channel: 'opinion',
        series,
        day,
        facility: null,
        placeCode: named ? placeCode : null,
      });
  }

  // Wastewater: every case sheds into its district's plant from onset + lag for the shedding days.
  const ww = footprint.wastewater;
  if (ww.target !== null && ww.copiesPerCase > 0) {
    const sites = city.facilities.filter((f) => f.reports === 'wastewater_site');
    for (const c of cases) {
      for (const site of sites.filter((s) => s.catchment?.includes(c.districtCode))) {
        const population =
          site.catchment?.reduce((s, d) => s + (city.district.get(d)?.population ?? 0), 0) ?? 0;
        // Whole copies/L, so that a record's concentration is the series value exactly.
        const amount = Math.round((ww.copiesPerCase * 1e5) / Math.max(population, 1));
        if (amount === 0) continue;
        const series = book.ofFacility('wastewater', ww.target, site);
        const begin = c.onset + Math.round(ww.lagDays);
        for (let day = begin; day < begin + ww.sheddingDays; day++) {
          if (WASTEWATER_SAMPLING_WEEKDAYS.includes(weekdayAt(target.first, day)))
            add('wastewater', series, day, amount);
        }
      }
    }
  }
  return truth;
}

/** Labs whose catchment holds the district, by size. */
function labsFor(city: SimCity, districtCode: string): WeightedTable<SimFacility> | undefined {
  const labs = city.facilities.filter((f) => f.reports === 'lab' && f.catchment?.includes(districtCode));
  return labs.length === 0
    ? undefined
    : new WeightedTable(
        labs,
        labs.map((l) => l.size),
      );
}

/** Pupils of a school not yet absent on a day: the schema refuses more absences than pupils. */
function roomAt(book: SeriesBook, school: SimFacility, day: number): number {
  let absent = 0;
  for (const column of ['absent_fever', 'absent_respiratory', 'absent_gi', 'absent_other']) {
    const v = book.ofFacility('school', column, school)?.values[day];
    if (v === undefined || Number.isNaN(v)) return 0;
    absent += v;
  }
  return (school.school?.enrolled ?? 0) - absent;
}
