import type { MessageParams } from '../../i18n/messages.js';
import {
  repetitions,
  segmentsNamed,
  valueOf,
  type Hl7Location,
  type Hl7Message,
  type Hl7Problem,
  type Hl7Segment,
} from './message.js';
import { observations, type Observation } from './observations.js';
import { dateFromHl7, isoFromHl7 } from './timestamp.js';

/**
 * A PHIN syndromic-surveillance ADT message (A01, A03, A04, A08) as a record of the `visit` channel
 * (channels/visit.ts). The natural key is (MSH-4 sending facility, PV1-19 visit number), so an A08 update or
 * an A03 discharge of the same visit replaces the stored version and a re-sent message is a duplicate.
 *
 * | visit field    | from                                                                             |
 * | ---            | ---                                                                              |
 * | facility       | MSH-4.1 (namespace id; facility.id), else MSH-4.2 (universal id)                 |
 * | visitId        | PV1-19.1                                                                         |
 * | time           | PV1-44 admit date/time                                                           |
 * | age            | PID-7 birth date to the day, at the visit's date; else OBX 21612-7 (age reported, OBX-6 unit a, mo, wk, d, h) |
 * | sex            | PID-8 (A, N, O read as U)                                                        |
 * | residence      | PID-11 (home or first address): component 10 (census tract: street or community code), else 9 (county: district code) |
 * | chiefComplaint | OBX 8661-1 (CWE text, or TX/ST), else PV2-3 admit reason (text, else code)       |
 * | temperature    | OBX 8310-5 or 11289-6, the highest, in °C (OBX-6 Cel or [degF])                  |
 * | icd10          | DG1-3.1 of every DG1, ';'-separated (a code written without its dot gets one)    |
 *
 * A postal code (PID-11.5) is never read as a place: Chinese postcodes are six digits, like district codes.
 */

/** Where each visit field came from, so that the ingest's rejections can name the HL7 field. */
export type Sources = Readonly<Record<string, Hl7Location>>;

export type AdtMapping =
  { ok: true; record: Record<string, unknown>; sources: Sources } | { ok: false; problem: Hl7Problem };

const AGE_CODE = '21612-7';
const TEMPERATURE_CODES = new Set(['8310-5', '11289-6']);
const COMPLAINT_CODE = '8661-1';

const at = (
  segment: Hl7Segment | undefined,
  name: string,
  field: number,
  component?: number,
): Hl7Location => ({
  segment: name,
  sequence: segment?.sequence ?? 1,
  field,
  ...(component ? { component } : {}),
});

const problem = (
  location: Hl7Location,
  key: Hl7Problem['key'],
  code: Hl7Problem['code'],
  params?: MessageParams,
): AdtMapping => ({ ok: false, problem: { location, key, code, ...(params ? { params } : {}) } });

export function visitFromAdt(message: Hl7Message): AdtMapping {
  const [msh] = segmentsNamed(message, 'MSH');
  const [pid] = segmentsNamed(message, 'PID');
  const [pv1] = segmentsNamed(message, 'PV1');
  const [pv2] = segmentsNamed(message, 'PV2');
  const record: Record<string, unknown> = {};
  const sources: Record<string, Hl7Location> = {};
  const put = (field: string, value: unknown, location: Hl7Location) => {
    record[field] = value;
    sources[field] = location;
  };

  const facility = valueOf(message, msh, 4, 1) || valueOf(message, msh, 4, 2);
  if (!facility) return problem(at(msh, 'MSH', 4), 'hl7.required', 101, { field: 'MSH-4' });
  put('facility', facility, at(msh, 'MSH', 4));

  if (!pv1) return problem({ segment: 'PV1' }, 'hl7.required', 101, { field: 'PV1' });
  const visitId = valueOf(message, pv1, 19, 1);
  if (!visitId) return problem(at(pv1, 'PV1', 19), 'hl7.required', 101, { field: 'PV1-19' });
  put('visitId', visitId, at(pv1, 'PV1', 19));

  const admitted = valueOf(message, pv1, 44, 1);
  if (!admitted) return problem(at(pv1, 'PV1', 44), 'hl7.required', 101, { field: 'PV1-44' });
  const time = isoFromHl7(admitted);
  if (!time) return problem(at(pv1, 'PV1', 44), 'hl7.timestamp', 102, { value: admitted });
  put('time', time, at(pv1, 'PV1', 44));

  const obx = observations(message);
  if (!obx.ok) return { ok: false, problem: obx.problem };

  const born = dateFromHl7(valueOf(message, pid, 7, 1));
  const reportedAge = obx.list.find((o) => o.code === AGE_CODE);
  if (born) put('age', ageAt(born, time), at(pid, 'PID', 7));
  else if (reportedAge) {
    const age = yearsOf(reportedAge);
    if (age === undefined)
      return problem(reportedAge.unitAt, 'hl7.unit', 102, { unit: reportedAge.unit, what: AGE_CODE });
    put('age', age, reportedAge.valueAt);
  }

  const sex = valueOf(message, pid, 8, 1).toUpperCase();
  if (sex) put('sex', sex === 'A' || sex === 'N' || sex === 'O' ? 'U' : sex, at(pid, 'PID', 8));

  const residence = residenceOf(message, pid);
  if (residence) put('residence', residence, at(pid, 'PID', 11));

  const complaints = obx.list.filter((o) => o.code === COMPLAINT_CODE && o.text !== '');
  const admitReason = valueOf(message, pv2, 3, 2) || valueOf(message, pv2, 3, 1);
  if (complaints.length > 0) {
    put('chiefComplaint', complaints.map((o) => o.text).join('; '), (complaints[0] as Observation).valueAt);
  } else if (admitReason) put('chiefComplaint', admitReason, at(pv2, 'PV2', 3));

  let temperature: { value: number; at: Hl7Location } | undefined;
  for (const o of obx.list) {
    if (!TEMPERATURE_CODES.has(o.code) || o.text === '') continue;
    const celsius = celsiusOf(o);
    if (celsius === undefined) {
      return Number.isFinite(Number(o.text))
        ? problem(o.unitAt, 'hl7.unit', 102, { unit: o.unit, what: o.code })
        : problem(o.valueAt, 'hl7.number', 102, { value: o.text });
    }
    if (!temperature || celsius > temperature.value) temperature = { value: celsius, at: o.valueAt };
  }
  if (temperature) put('temperature', temperature.value, temperature.at);

  const diagnoses = segmentsNamed(message, 'DG1')
    .map((dg1) => icd10Of(valueOf(message, dg1, 3, 1)))
    .filter((c) => c !== '');
  const [firstDg1] = segmentsNamed(message, 'DG1');
  if (diagnoses.length > 0) put('icd10', [...new Set(diagnoses)].join(';'), at(firstDg1, 'DG1', 3));

  return { ok: true, record, sources };
}

/** Age in whole years, or in years to two decimals under two (infants' ages matter in months). */
function ageAt(born: string, visitIso: string): number {
  const [by, bm, bd] = born.split('-').map(Number) as [number, number, number];
  const [vy, vm, vd] = visitIso.slice(0, 10).split('-').map(Number) as [number, number, number];
  let months = (vy - by) * 12 + (vm - bm) - (vd < bd ? 1 : 0);
  if (months < 0) months = 0;
  return months < 24 ? Math.round((months / 12) * 100) / 100 : Math.floor(months / 12);
}

const UNIT_YEARS: Readonly<Record<string, number>> = {
  a: 1,
  yr: 1,
  y: 1,
  year: 1,
  years: 1,
  mo: 12,
  month: 12,
  months: 12,
  wk: 52.1775,
  week: 52.1775,
  d: 365.25,
  day: 365.25,
  days: 365.25,
  h: 8766,
  hour: 8766,
  岁: 1,
  月: 12,
  周: 52.1775,
  天: 365.25,
};

function yearsOf(o: Observation): number | undefined {
  const value = Number(o.text);
  const per = UNIT_YEARS[o.unit.toLowerCase() || 'a'];
  if (!Number.isFinite(value) || per === undefined) return undefined;
  return Math.round((value / per) * 100) / 100;
}

function celsiusOf(o: Observation): number | undefined {
  const value = Number(o.text);
  if (o.text === '' || !Number.isFinite(value)) return undefined;
  const unit = o.unit.toLowerCase();
  if (unit === '' || unit === 'cel' || unit === 'c' || unit === '℃' || unit === 'degc' || unit === '°c')
    return value;
  if (unit === '[degf]' || unit === 'degf' || unit === 'f' || unit === '℉' || unit === '°f')
    return Math.round((((value - 32) * 5) / 9) * 10) / 10;
  return undefined;
}

/** A place code from the home (or first) address: the census tract when given, else the county. */
function residenceOf(message: Hl7Message, pid: Hl7Segment | undefined): string | undefined {
  const addresses = repetitions(message, pid, 11);
  let chosen = 1;
  for (let r = 1; r <= addresses.length; r++) {
    const type = valueOf(message, pid, 11, 7, 1, r).toUpperCase();
    if (type === 'H' || type === 'C') {
      chosen = r;
      break;
    }
  }
  return valueOf(message, pid, 11, 10, 1, chosen) || valueOf(message, pid, 11, 9, 1, chosen) || undefined;
}

/** ICD-10 codes as the visit schema reads them: upper case, with the dot after the category (R509 → R50.9). */
function icd10Of(code: string): string {
  const c = code.trim().toUpperCase();
  return /^[A-Z]\d{2}[0-9A-Z]+$/.test(c) ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
}
