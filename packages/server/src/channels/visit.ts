import { z } from 'zod';
import { isoUtc } from './calendar.js';
import { defineChannel } from './channel.js';
import { CLINICAL, checkInstant, facilityPlace, isIssue, residenceOr } from './checks.js';
import { age, code, icd10, placeCode, sex, text, timestamp } from './fields.js';
import { SYNDROME_RULES_VERSION, visitSignals } from './visit-syndromes.js';

/**
 * Clinic and fever-clinic visits (门急诊 / 发热门诊). Natural key: the facility and its own visit number
 * (HL7 PV1-19). Signals: `all` and each syndrome the chief complaint (with the temperature) codes to, by the
 * engine's classifier (packages/engine/src/syndromes), whose rules' version is stored with the visit.
 */
export const visitSchema = z.object({
  /** The facility's own visit (encounter) number. */
  visitId: code,
  /** The facility's code (`facility.id`). */
  facility: code,
  /** When the patient was seen; without an offset, Asia/Shanghai time. */
  time: timestamp,
  age: age.optional(),
  sex: sex.optional(),
  /** The patient's residence, a place code at any level (community best). */
  residence: placeCode.optional(),
  chiefComplaint: text(2000).optional(),
  icd10: icd10.optional(),
  /** Body temperature, °C. */
  temperature: z.number().min(30).max(45).optional(),
  feverClinic: z.boolean().optional(),
});

export type VisitRecord = z.output<typeof visitSchema>;

export const visitChannel = defineChannel({
  id: 'visit',
  table: 'visit_record',
  schema: visitSchema,
  numberFields: ['age', 'temperature'],
  booleanFields: ['feverClinic'],
  key: (r) => `${r.facility}/${r.visitId}`,
  derive: (r, references) => {
    const facility = facilityPlace(references, r.facility, 'facility', CLINICAL);
    if (isIssue(facility)) return facility;
    const place = residenceOr(references, r.residence, facility);
    if (isIssue(place)) return place;
    const late = checkInstant(references, r.time, 'time');
    if (late) return late;
    return {
      eventDate: r.time.date,
      ...place,
      facilityId: r.facility,
      signals: visitSignals(r.chiefComplaint ?? '', r.temperature),
      counts: null,
      denominator: null,
    };
  },
  columns: {
    visit_id: (r) => r.visitId,
    visit_time: (r) => isoUtc(r.time.epochMs),
    age: (r) => r.age,
    sex: (r) => r.sex,
    residence_code: (r) => r.residence,
    chief_complaint: (r) => r.chiefComplaint,
    icd10: (r) => r.icd10,
    temperature: (r) => r.temperature,
    fever_clinic: (r) => r.feverClinic,
    syndrome_rules: () => SYNDROME_RULES_VERSION,
  },
  hashExcludes: ['syndrome_rules'],
  completeness: true,
});
