import { z } from 'zod';
import { defineChannel, type RecordIssue } from './channel.js';
import { CLINICAL, checkDate, facilityPlace, isIssue, residenceOr } from './checks.js';
import { age, code, date, idNumber, phone, placeCode, sex, text } from './fields.js';

/**
 * Notifiable-disease report cards (传染病报告卡). Natural key: the card id. A card is first reported
 * (`new`), may be corrected (`correction`, 订正: replaces the stored version, and the series follow) and
 * withdrawn (`withdrawal`, 删除: leaves every series). Signal: the disease key (and the hepatitis group),
 * counted at the residence on the onset date. Suspected, clinical and confirmed cases count; carriers
 * (病原携带者, e.g. asymptomatic infections) are stored but counted in no disease series, as in the national
 * statistics, which report cases.
 */

const words =
  <T extends string>(map: Record<string, T>) =>
  (v: string) =>
    map[v.trim().toLowerCase()] ?? v;

const cardType = z
  .string()
  .transform(
    words({
      新报: 'new',
      初次报告: 'new',
      订正: 'correction',
      订正报告: 'correction',
      删除: 'withdrawal',
      撤销: 'withdrawal',
    }),
  )
  .pipe(z.enum(['new', 'correction', 'withdrawal']));

const classification = z
  .string()
  .transform(
    words({
      疑似病例: 'suspected',
      临床诊断病例: 'clinical',
      确诊病例: 'confirmed',
      实验室确诊病例: 'confirmed',
      病原携带者: 'carrier',
    }),
  )
  .pipe(z.enum(['suspected', 'clinical', 'confirmed', 'carrier']));

/** The card's population categories (人群分类). */
export const OCCUPATIONS = {
  childcare_child: '幼托儿童',
  scattered_child: '散居儿童',
  student: '学生',
  teacher: '教师',
  nanny: '保育员及保姆',
  food_service: '餐饮食品业',
  public_venue_staff: '公共场所服务员',
  commercial_service: '商业服务',
  medical_staff: '医务人员',
  worker: '工人',
  migrant_worker: '民工',
  farmer: '农民',
  herdsman: '牧民',
  fisherman: '渔(船)民',
  office_staff: '干部职员',
  retired: '离退人员',
  unemployed: '家务及待业',
  seafarer_driver: '海员及长途驾驶员',
  other: '其他',
  unknown: '不详',
} as const;

type Occupation = keyof typeof OCCUPATIONS;
const occupationByName = Object.fromEntries(
  Object.entries(OCCUPATIONS).map(([slug, name]) => [name, slug as Occupation]),
) as Record<string, Occupation>;

const occupation = z
  .string()
  .transform(words(occupationByName))
  .pipe(z.enum(Object.keys(OCCUPATIONS) as [Occupation, ...Occupation[]]));

const reported = z.object({
  cardId: code,
  type: cardType,
  /** Disease key from data/diseases/notifiable-diseases.csv (e.g. influenza, hfmd, covid19). */
  disease: z.string().trim().toLowerCase().min(1).max(64),
  classification,
  onsetDate: date,
  diagnosisDate: date,
  residence: placeCode.optional(),
  age: age.optional(),
  sex: sex.optional(),
  occupation: occupation.optional(),
  /** The reporting facility. */
  facility: code,
  /** Personal data (PIPL): stored in their own columns so that every role that does not need them sees them masked. */
  idNumber: idNumber.optional(),
  phone: phone.optional(),
});

/** A withdrawal names the card only. */
const withdrawal = z.object({
  cardId: code,
  type: cardType,
  facility: code,
  reason: text(500).optional(),
});

/** One schema for both shapes: a withdrawal needs no case data; any other type needs all of it. */
const reportCardSchema = z.unknown().transform((input, ctx) => {
  const type = cardType.safeParse((input as Record<string, unknown> | null)?.type);
  const schema = type.success && type.data === 'withdrawal' ? withdrawal : reported;
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
  return z.NEVER;
});

export type ReportCard = z.output<typeof reported> | z.output<typeof withdrawal>;

/**
 * Who files report cards (责任报告单位): medical institutions and labs, and CDCs and other units the city
 * model types as `other`.
 */
const CARD_REPORTERS = [...CLINICAL, 'lab', 'other'] as const;

const full = (r: ReportCard): z.output<typeof reported> | undefined => ('disease' in r ? r : undefined);

export const reportCardChannel = defineChannel({
  id: 'report-card',
  table: 'report_card_record',
  schema: reportCardSchema,
  numberFields: ['age'],
  booleanFields: [],
  key: (r) => r.cardId,
  derive: (r, references) => {
    const facility = facilityPlace(references, r.facility, 'facility', CARD_REPORTERS);
    if (isIssue(facility)) return facility;
    const card = full(r);
    if (!card) {
      // A withdrawal contributes nothing; the stored card's place and day are kept (see resolve.ts).
      return {
        eventDate: references.today,
        placeCode: facility,
        facilityId: r.facility,
        signals: [],
        counts: null,
        denominator: null,
      };
    }
    const place = residenceOr(references, card.residence, facility);
    if (isIssue(place)) return place;
    const dateIssue: RecordIssue | undefined =
      checkDate(references, card.onsetDate, 'onsetDate') ??
      checkDate(references, card.diagnosisDate, 'diagnosisDate');
    if (dateIssue) return dateIssue;
    if (card.onsetDate > card.diagnosisDate) {
      return {
        field: 'onsetDate',
        key: 'ingest.onset-after-diagnosis',
        params: { onset: card.onsetDate, diagnosis: card.diagnosisDate },
      };
    }
    if (!references.diseases.known(card.disease)) {
      return { field: 'disease', key: 'ingest.unknown-disease', params: { disease: card.disease } };
    }
    const version = references.diseases.on(card.disease, card.diagnosisDate);
    if (!version) {
      return {
        field: 'disease',
        key: 'ingest.not-notifiable',
        params: { disease: card.disease, date: card.diagnosisDate },
      };
    }
    const signals =
      card.classification === 'carrier' ? [] : version.group ? [card.disease, version.group] : [card.disease];
    return {
      eventDate: card.onsetDate,
      ...place,
      facilityId: r.facility,
      signals,
      counts: null,
      denominator: null,
    };
  },
  columns: {
    card_id: (r) => r.cardId,
    card_type: (r) => r.type,
    disease: (r) => full(r)?.disease,
    // The class on the day of diagnosis: what a rule on class-A diseases reads.
    disease_class: (r, references) => {
      const card = full(r);
      return card && references.diseases.on(card.disease, card.diagnosisDate)?.class;
    },
    classification: (r) => full(r)?.classification,
    onset_date: (r) => full(r)?.onsetDate,
    diagnosis_date: (r) => full(r)?.diagnosisDate,
    residence_code: (r) => full(r)?.residence,
    age: (r) => full(r)?.age,
    sex: (r) => full(r)?.sex,
    occupation: (r) => full(r)?.occupation,
    id_number: (r) => full(r)?.idNumber,
    phone: (r) => full(r)?.phone,
    withdrawal_reason: (r) => ('reason' in r ? r.reason : undefined),
  },
  hashExcludes: ['card_type', 'disease_class'],
  completeness: false,
  cardType: (r) => r.type,
});
