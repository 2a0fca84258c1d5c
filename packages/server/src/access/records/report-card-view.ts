import { z } from 'zod';

/** A report card as the person-record API shows it; idNumber and phone are masked by role (../masking.ts). */
export const reportCardView = z.object({
  cardId: z.string(),
  cardType: z.string(),
  disease: z.string().nullable(),
  diseaseClass: z.string().nullable(),
  classification: z.string().nullable(),
  onsetDate: z.string().nullable(),
  diagnosisDate: z.string().nullable(),
  residenceCode: z.string().nullable(),
  placeCode: z.string(),
  facilityId: z.string().nullable(),
  age: z.number().nullable(),
  sex: z.string().nullable(),
  occupation: z.string().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  receivedAt: z.string(),
});
export type ReportCardView = z.infer<typeof reportCardView>;

export interface ReportCardRow {
  card_id: string;
  card_type: string;
  disease: string | null;
  disease_class: string | null;
  classification: string | null;
  onset_date: string | null;
  diagnosis_date: string | null;
  residence_code: string | null;
  place_code: string;
  facility_id: string | null;
  age: string | null;
  sex: string | null;
  occupation: string | null;
  id_number: string | null;
  phone: string | null;
  active: boolean;
  version: number;
  received_at: Date;
}

export const REPORT_CARD_COLUMNS = `card_id, card_type, disease, disease_class, classification, onset_date,
  diagnosis_date, residence_code, place_code, facility_id, age, sex, occupation, id_number, phone, active,
  version, received_at`;

export const toReportCardView = (r: ReportCardRow): ReportCardView => ({
  cardId: r.card_id,
  cardType: r.card_type,
  disease: r.disease,
  diseaseClass: r.disease_class,
  classification: r.classification,
  onsetDate: r.onset_date,
  diagnosisDate: r.diagnosis_date,
  residenceCode: r.residence_code,
  placeCode: r.place_code,
  facilityId: r.facility_id,
  age: r.age === null ? null : Number(r.age),
  sex: r.sex,
  occupation: r.occupation,
  idNumber: r.id_number,
  phone: r.phone,
  active: r.active,
  version: r.version,
  receivedAt: r.received_at.toISOString(),
});

const CSV_FIELDS = Object.keys(reportCardView.shape) as (keyof ReportCardView)[];

const cell = (v: string | number | boolean | null) => {
  const s = v === null ? '' : String(v);
  // A leading = + - @ would be a formula in a spreadsheet: quote it with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const reportCardsCsv = (cards: readonly ReportCardView[]) =>
  [CSV_FIELDS.join(','), ...cards.map((c) => CSV_FIELDS.map((f) => cell(c[f])).join(','))].join('\n') + '\n';
