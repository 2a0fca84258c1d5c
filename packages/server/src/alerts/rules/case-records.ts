import type pg from 'pg';
import type { ChannelId } from '../../channels/channel-id.js';

/**
 * The committed records a single-case rule looks at, read by their natural keys (the batch's) with only the
 * fields a rule matches on — never the personal ones (identity number, phone, age, sex).
 */

export interface CaseRecord {
  readonly channel: ChannelId;
  readonly recordKey: string;
  readonly facilityId: string | null;
  readonly placeCode: string;
  readonly eventDate: string;
  /** Report cards. */
  readonly disease: string | null;
  readonly diseaseClass: string | null;
  readonly diagnosisDate: string | null;
  readonly classification: string | null;
  /** Visits: what the clinician wrote. */
  readonly complaint: string | null;
  readonly icd10: string | null;
  /** Laboratory results. */
  readonly pathogen: string | null;
  readonly result: string | null;
}

const QUERIES: Partial<Record<ChannelId, string>> = {
  'report-card': `SELECT record_key, facility_id, place_code, event_date, disease, disease_class, diagnosis_date,
                         classification
                    FROM report_card_record WHERE record_key = ANY($1::text[]) AND active`,
  // Visits: only those whose complaint or diagnosis could match ($2, $3), so that a batch of ten thousand
  // ordinary visits costs one index scan and returns nothing.
  visit: `SELECT record_key, facility_id, place_code, event_date, chief_complaint, icd10
            FROM visit_record WHERE record_key = ANY($1::text[]) AND active
             AND (chief_complaint ILIKE ANY($2::text[]) OR icd10 ILIKE ANY($3::text[]))`,
  lab: `SELECT record_key, facility_id, place_code, event_date, pathogen, result
          FROM lab_record WHERE record_key = ANY($1::text[]) AND active`,
};

/** Channels whose records single-case rules can read. */
export const CASE_CHANNELS = new Set(Object.keys(QUERIES) as ChannelId[]);

interface Row {
  record_key: string;
  facility_id: string | null;
  place_code: string;
  event_date: string;
  disease?: string | null;
  disease_class?: string | null;
  diagnosis_date?: string | null;
  classification?: string | null;
  chief_complaint?: string | null;
  icd10?: string | null;
  pathogen?: string | null;
  result?: string | null;
}

/** What visit rules look for: phrases of the complaint, and ICD-10 code prefixes. */
export interface VisitPatterns {
  readonly phrases: readonly string[];
  readonly icd10Prefixes: readonly string[];
}

const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function readCaseRecords(
  pool: pg.Pool,
  channel: ChannelId,
  keys: readonly string[],
  visitPatterns: VisitPatterns = { phrases: [], icd10Prefixes: [] },
): Promise<CaseRecord[]> {
  const sql = QUERIES[channel];
  if (!sql || keys.length === 0) return [];
  const rows = await pool.query<Row>(
    sql,
    channel === 'visit'
      ? [
          keys,
          visitPatterns.phrases.map((p) => `%${likeLiteral(p)}%`),
          // A code list is comma- or semicolon-separated: a prefix matches at the start or after a separator.
          visitPatterns.icd10Prefixes.flatMap((p) => [
            `${likeLiteral(p)}%`,
            `%,${likeLiteral(p)}%`,
            `%;${likeLiteral(p)}%`,
          ]),
        ]
      : [keys],
  );
  return rows.rows.map((r) => ({
    channel,
    recordKey: r.record_key,
    facilityId: r.facility_id,
    placeCode: r.place_code,
    eventDate: r.event_date,
    disease: r.disease ?? null,
    diseaseClass: r.disease_class ?? null,
    diagnosisDate: r.diagnosis_date ?? null,
    classification: r.classification ?? null,
    complaint: r.chief_complaint ?? null,
    icd10: r.icd10 ?? null,
    pathogen: r.pathogen ?? null,
    result: r.result ?? null,
  }));
}
