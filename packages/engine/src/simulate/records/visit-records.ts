import type { SimFacility } from '../city/sim-facility.js';
import { drawAge } from '../models/ages.js';
import { drawDelay, REPORTING_DELAY } from '../models/delays.js';
import { VISIT_CLASS_IDS, VISIT_CLASSES, type VisitClass } from '../models/visit-classes.js';
import { Random, type WeightedTable } from '../random.js';
import type { SimStreet } from '../city/sim-city.js';
import type { Simulation } from '../simulate.js';
import { baselineAt, compactDate, homesOf, timestamp, visitSecond, type Homes } from './common.js';
import { chiefComplaint } from './complaints.js';
import type { SimRecord, VisitRecord } from './types.js';

/** Share of visits whose record gives no residence (the record then counts at the facility's place). */
const NO_RESIDENCE = 0.03;

/** The street a baseline visit's patient lives in, or null when the record gives none (3 %). */
export function visitStreet(homes: Homes, catchment: WeightedTable<SimStreet>): SimStreet | null {
  const street = catchment.draw(homes.streets);
  return homes.streets.chance(NO_RESIDENCE) ? null : street;
}

interface Visit {
  readonly visitClass: VisitClass;
  readonly home: { readonly street: SimStreet; readonly community: string } | null;
  readonly age: number;
  readonly sex: 'M' | 'F';
  readonly outbreak: string | null;
}

/**
 * One facility's visits on day index i, in time order: the baseline visits of every complaint class (homes
 * from the facility's catchment, people and complaints from the class) and the outbreak cases that came.
 * Nothing on a day the facility is silent.
 */
export function visitRecords(sim: Simulation, facility: SimFacility, i: number): SimRecord[] {
  const day = sim.first + i;
  const homes = homesOf(sim, 'visit', facility.id, i);
  const r = Random.derive(sim.seed, 'visit-record', facility.id, i);
  const catchment = sim.city.residence(facility.districtCode);
  const visits: Visit[] = [];
  let reported = false;
  for (const visitClass of VISIT_CLASS_IDS) {
    const series = sim.book.ofFacility('visit', visitClass, facility);
    if (!series) continue;
    if (!Number.isNaN(series.values[i])) reported = true;
    const n = baselineAt(series, i);
    for (let k = 0; k < n; k++) {
      const street = visitStreet(homes, catchment);
      const home = street ? { street, community: homes.community(street) } : null;
      visits.push({
        visitClass,
        home,
        age: drawAge(r, VISIT_CLASSES[visitClass].ages),
        sex: r.chance(0.5) ? 'M' : 'F',
        outbreak: null,
      });
    }
  }
  if (!reported) return [];
  for (const e of sim.eventsOn(i)) {
    if (e.channel !== 'visit' || e.facility !== facility) continue;
    const street = sim.city.street.get(e.case.streetCode);
    visits.push({
      visitClass: e.series.key as VisitClass,
      home: street ? { street, community: e.case.community } : null,
      age: e.case.age,
      sex: e.case.sex,
      outbreak: e.outbreak,
    });
  }
  const feverClinic = facility.reports === 'fever_clinic';
  const timed = visits
    .map((v) => ({ v, second: visitSecond(r, feverClinic) }))
    .sort((a, b) => a.second - b.second);
  return timed.map(({ v, second }, k): SimRecord => {
    const complaint = chiefComplaint(r, v.visitClass);
    const record: VisitRecord = {
      visitId: `V${compactDate(day)}${String(k + 1).padStart(5, '0')}`,
      facility: facility.id,
      time: timestamp(day, second),
      age: v.age,
      sex: v.sex,
      ...(v.home ? { residence: v.home.community } : {}),
      chiefComplaint: complaint.text,
      ...(r.chance(0.3) ? { icd10: complaint.icd10 } : {}),
      ...(complaint.temperature === undefined ? {} : { temperature: complaint.temperature }),
      feverClinic,
    };
    return {
      channel: 'visit',
      record,
      date: record.time.slice(0, 10),
      reportedOn: timestamp(day + drawDelay(r, REPORTING_DELAY.visit), 0).slice(0, 10),
      outbreak: v.outbreak === null ? null : { [v.outbreak]: 1 },
    };
  });
}
