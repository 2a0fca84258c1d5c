import type { SimDistrict } from '../city/sim-city.js';
import { dateOf } from '../calendar.js';
import { drawAge } from '../models/ages.js';
import { REPORT_CARD_MODELS } from '../models/channel-models.js';
import { DIAGNOSIS_TO_REPORT, drawDelay, drawDiagnosisDelay } from '../models/delays.js';
import { Random, WeightedTable } from '../random.js';
import type { SimSeries } from '../series.js';
import type { Simulation } from '../simulate.js';
import { baselineAt, compactDate, homesOf, type Homes } from './common.js';
import { citizenId, mobilePhone, occupationFor } from './identity.js';
import type { ReportCardRecord, SimRecord } from './types.js';

/**
 * Report cards of one district and disease with onset on day index i: the baseline cases (homes in the
 * district) and the outbreak cases diagnosed. A card is dated by onset; it reaches the platform on its
 * report day (diagnosis + reporting delay). Suspected cases are corrected (订正) to a final classification a
 * few days later: a second record with the same card id, which replaces the first and changes no count.
 */

/** Share confirmed by a laboratory, by disease (the rest clinical; 5 % of the clinical start as suspected). */
const CONFIRMED: Readonly<Record<string, number>> = {
  influenza: 0.35,
  hfmd: 0.15,
  other_infectious_diarrhea: 0.2,
  mumps: 0.1,
  scarlet_fever: 0.3,
};
const LAB_DIAGNOSED = 0.9; // hepatitis, TB, STIs, HIV, dengue, HFRS: diagnosed by tests
const SUSPECTED = 0.05;

export function cardRecords(sim: Simulation, series: SimSeries, i: number): SimRecord[] {
  const district = sim.city.district.get(series.placeCode) as SimDistrict;
  const disease = series.key;
  const homes = homesOf(sim, 'report-card', `${disease}/${district.code}`, i);
  const r = Random.derive(sim.seed, 'card-record', disease, district.code, i);
  const reporters = reportersIn(sim, district.code);
  const rural = district.zone === 'new_urban';
  const onset = sim.first + i;
  const out: SimRecord[] = [];
  const n = baselineAt(series, i);
  const model = (REPORT_CARD_MODELS as Record<string, { ages: Parameters<typeof drawAge>[1] }>)[disease];
  for (let k = 0; k < n; k++) {
    const { street, reporter } = cardPlacement(homes, district, reporters);
    const age = drawAge(r, model?.ages ?? 'all');
    const sex = r.chance(0.5) ? 'M' : 'F';
    const id = `RC${district.code}${compactDate(onset)}${disease}${String(k + 1).padStart(4, '0')}`;
    out.push(
      ...card(r, {
        id,
        disease,
        onset,
        community: homes.community(street),
        age,
        sex,
        rural,
        facility: reporter.id,
        outbreak: null,
      }),
    );
  }
  for (const e of sim.eventsOn(i)) {
    if (e.channel !== 'report-card' || e.series !== series) continue;
    out.push(
      ...card(r, {
        id: `RC-${e.outbreak}-${e.case.index}`,
        disease,
        onset,
        community: e.case.community,
        age: e.case.age,
        sex: e.case.sex,
        rural,
        facility: e.facility?.id ?? reporters.draw(r).id,
        outbreak: e.outbreak,
        diagnosis: sim.first + e.diagnosisDay,
        report: sim.first + e.reportDay,
      }),
    );
  }
  return out;
}

/**
 * Where a baseline card's case lives and which clinic reports it, from the unit-day's home stream (place
 * totals and facility totals draw the same way).
 */
export function cardPlacement(homes: Homes, district: SimDistrict, reporters: WeightedTable<{ id: string }>) {
  return { street: district.streets.draw(homes.streets), reporter: reporters.draw(homes.streets) };
}

interface CardCase {
  readonly id: string;
  readonly disease: string;
  readonly onset: number;
  readonly community: string;
  readonly age: number;
  readonly sex: 'M' | 'F';
  readonly rural: boolean;
  readonly facility: string;
  readonly outbreak: string | null;
  readonly diagnosis?: number;
  readonly report?: number;
}

function card(r: Random, c: CardCase): SimRecord[] {
  const diagnosis = c.diagnosis ?? c.onset + drawDiagnosisDelay(r);
  const report = c.report ?? diagnosis + drawDelay(r, DIAGNOSIS_TO_REPORT);
  const confirmed = r.chance(CONFIRMED[c.disease] ?? LAB_DIAGNOSED);
  const final = confirmed ? 'confirmed' : 'clinical';
  const suspected = !confirmed && r.chance(SUSPECTED);
  const record: ReportCardRecord = {
    cardId: c.id,
    type: 'new',
    disease: c.disease,
    classification: suspected ? 'suspected' : final,
    onsetDate: dateOf(c.onset),
    diagnosisDate: dateOf(diagnosis),
    residence: c.community,
    age: c.age,
    sex: c.sex,
    occupation: occupationFor(r, c.age, c.rural),
    facility: c.facility,
    idNumber: citizenId(r, c.community, c.age, c.onset, c.sex),
    phone: mobilePhone(r),
  };
  const outbreak = c.outbreak === null ? null : { [c.outbreak]: 1 };
  const first: SimRecord = {
    channel: 'report-card',
    record,
    date: record.onsetDate,
    reportedOn: dateOf(report),
    outbreak,
  };
  if (!suspected) return [first];
  const corrected: ReportCardRecord = { ...record, type: 'correction', classification: final };
  return [
    first,
    {
      channel: 'report-card',
      record: corrected,
      date: record.onsetDate,
      reportedOn: dateOf(report + 2 + r.int(4)),
      outbreak,
    },
  ];
}

const reporterTables = new WeakMap<Simulation, Map<string, WeightedTable<{ id: string }>>>();

/** The district's clinics that report cards (its fever clinics and sentinel hospitals), by size. */
export function reportersIn(sim: Simulation, districtCode: string): WeightedTable<{ id: string }> {
  let tables = reporterTables.get(sim);
  if (!tables) reporterTables.set(sim, (tables = new Map<string, WeightedTable<{ id: string }>>()));
  let table = tables.get(districtCode);
  if (!table) {
    const clinics = sim.city.facilities.filter(
      (f) =>
        f.districtCode === districtCode &&
        (f.reports === 'fever_clinic' || f.reports === 'sentinel_hospital'),
    );
    table = new WeightedTable(
      clinics,
      clinics.map((f) => f.size),
    );
    tables.set(districtCode, table);
  }
  return table;
}
