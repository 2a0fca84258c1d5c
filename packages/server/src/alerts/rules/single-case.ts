import type { DiseaseClassFact } from '@shaobing/engine';
import type { NotifiableDiseases } from '../../channels/notifiable-diseases.js';
import type { MessageKey } from '../../i18n/messages.js';
import type { SingleCaseRule } from '../config/schema.js';
import type { Names } from '../names.js';
import { bilingual } from '../reason.js';
import type { CaseRecord } from './case-records.js';
import type { Trigger } from './trigger.js';

/**
 * Single-case rules (单病例预警): one record is enough — a report card of a class-A disease, of a class-B
 * disease managed as class A, of a disease on the configured list, a visit whose complaint or diagnosis
 * names pneumonia of unknown cause, a positive laboratory result for a listed pathogen.
 */

export interface CaseMatch {
  readonly rule: SingleCaseRule;
  readonly record: CaseRecord;
  readonly family: string;
  readonly diseaseClass: DiseaseClassFact | undefined;
  readonly management: 'A' | 'B' | 'C' | undefined;
  /** Visits: the phrase or code that matched. */
  readonly matched: string | undefined;
}

export function matchCase(
  rule: SingleCaseRule,
  record: CaseRecord,
  diseases: NotifiableDiseases,
): CaseMatch | undefined {
  const { match } = rule;
  if (match.channel !== record.channel) return undefined;
  const found = (family: string, extra: Partial<CaseMatch> = {}): CaseMatch => ({
    rule,
    record,
    family: rule.family ?? family,
    diseaseClass: undefined,
    management: undefined,
    matched: undefined,
    ...extra,
  });
  switch (match.channel) {
    case 'report-card': {
      const disease = record.disease;
      if (!disease) return undefined;
      const version = diseases.on(disease, record.diagnosisDate ?? record.eventDate);
      const diseaseClass = (record.diseaseClass ?? version?.class) as DiseaseClassFact | undefined;
      const management = version?.management;
      if (match.diseaseClass && !(diseaseClass && match.diseaseClass.includes(diseaseClass)))
        return undefined;
      if (match.management && !(management && match.management.includes(management))) return undefined;
      if (match.diseases && !match.diseases.includes(disease)) return undefined;
      const classification = record.classification as
        NonNullable<typeof match.classifications>[number] | null;
      if (match.classifications && !(classification && match.classifications.includes(classification))) {
        return undefined;
      }
      return found(disease, { diseaseClass, management });
    }
    case 'visit': {
      const complaint = (record.complaint ?? '').toLowerCase();
      const phrase = match.complaintContains?.find((p) => complaint.includes(p.toLowerCase()));
      const codes = (record.icd10 ?? '').split(/[,;]\s*/).filter(Boolean);
      const code = match.icd10Prefixes?.find((prefix) =>
        codes.some((c) => c.startsWith(prefix.toUpperCase())),
      );
      const matched = phrase ?? code;
      return matched === undefined ? undefined : found(record.channel, { matched });
    }
    case 'lab': {
      if (record.result !== 'positive' || !record.pathogen || !match.pathogens.includes(record.pathogen)) {
        return undefined;
      }
      return found(record.pathogen);
    }
  }
}

/** The alert's words and evidence for one matched case. */
export function singleCaseTrigger(m: CaseMatch, names: Names, committedAt?: number): Trigger {
  const r = m.record;
  const classKey = (
    m.diseaseClass === 'B' && m.management === 'A'
      ? 'alert.disease-class.BA'
      : `alert.disease-class.${m.diseaseClass ?? 'monitored'}`
  ) as MessageKey;
  const reason =
    r.channel === 'report-card'
      ? bilingual('alert.reason.single-case', (language) => ({
          place: names.place(r.placeCode, language),
          disease: names.disease(r.disease ?? m.family, language),
          classification: r.classification
            ? names.text(`alert.classification.${r.classification}` as MessageKey, language)
            : '',
          diseaseClass: names.text(classKey, language),
          date: r.eventDate,
        }))
      : r.channel === 'visit'
        ? bilingual('alert.reason.single-case-visit', (language) => ({
            facility: r.facilityId ? names.facility(r.facilityId, language) : '—',
            place: names.place(r.placeCode, language),
            family: names.family(m.family, language),
            matched: m.matched ?? '',
            date: r.eventDate,
          }))
        : bilingual('alert.reason.single-case-lab', (language) => ({
            place: names.place(r.placeCode, language),
            pathogen: r.pathogen ?? '',
            date: r.eventDate,
          }));
  return {
    rule: m.rule,
    family: m.family,
    placeCode: r.placeCode,
    key: `${r.channel}:${r.recordKey}:${m.family}`,
    periodStart: r.eventDate,
    periodEnd: r.eventDate,
    channels: [r.channel],
    facts: {
      kind: 'single-case',
      family: m.family,
      diseaseClass: m.diseaseClass,
      management: m.management,
      unknownCause: m.rule.unknownCause,
      channels: 1,
      cases: 1,
      growing: false,
    },
    evidence: [
      {
        type: 'record',
        channel: r.channel,
        recordKey: r.recordKey,
        facilityId: r.facilityId,
        placeCode: r.placeCode,
        eventDate: r.eventDate,
        disease: r.disease ?? null,
        diseaseClass: m.diseaseClass ?? null,
        classification: r.classification ?? null,
      },
    ],
    reason,
    dataCommittedAt: committedAt,
  };
}
