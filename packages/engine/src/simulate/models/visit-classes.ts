import type { SyndromeId } from '../../syndromes/types.js';
import type { SeasonalProfileId } from '../seasonality.js';

/**
 * Visits are simulated by complaint class: each class is a kind of chief complaint whose syndromes under
 * the engine's classifier (packages/engine/src/syndromes) are fixed, so that a visit series per syndrome is
 * the sum of its classes, in the aggregated counts exactly as in the records (whose complaint texts,
 * records/complaints.ts, are written to code to their class; a test checks that they do).
 *
 * Rates are visits per 100,000 residents per day, the annual mean at the end of the simulated period
 * (before the day-of-week and holiday factors), seen by the district's fever clinics together and by its
 * sentinel hospitals together; each facility takes a share in proportion to its size.
 *
 * | class          | syndromes               | fever clinics | sentinel | season          | ages     |
 * | -------------- | ----------------------- | ------------- | -------- | --------------- | -------- |
 * | ili            | ili, fever, respiratory | 8.0           | 3.0      | influenza       | all      |
 * | fever          | fever                   | 5.0           | 2.0      | respiratory     | all      |
 * | fever_resp     | fever, respiratory      | 4.0           | 2.0      | respiratory     | all      |
 * | respiratory    | respiratory             | 3.0           | 8.0      | respiratory     | all      |
 * | gi             | gi                      | 0             | 5.0      | gi_summer       | all      |
 * | gi_fever       | fever, gi               | 1.5           | 1.0      | gi_summer       | all      |
 * | rash           | rash                    | 0             | 1.0      | rash_spring     | all      |
 * | rash_fever     | fever, rash             | 0.4           | 0.3      | rash_spring     | children |
 * | hfmd           | fever, rash, hfmd       | 0.6           | 0.8      | hfmd            | infants  |
 * | conjunctivitis | conjunctivitis          | 0             | 0.5      | flat            | all      |
 * | neuro          | neuro                   | 0             | 0.3      | flat            | all      |
 * | jaundice       | jaundice                | 0             | 0.1      | flat            | adults   |
 * | haemorrhagic   | haemorrhagic            | 0             | 0.15     | flat            | all      |
 * | other          | (none)                  | 1.5           | 14.0     | flat            | adults   |
 *
 * Shared: negative binomial size k = 25 per facility-day; trend +3 % a year; day of week `fever_clinic`
 * or `clinic`, holidays `clinic` (models/week-and-holidays.ts).
 */

export type AgeGroup = 'all' | 'children' | 'infants' | 'adults';

export interface VisitClassModel {
  readonly syndromes: readonly SyndromeId[];
  readonly feverClinicRate: number;
  readonly sentinelRate: number;
  readonly season: SeasonalProfileId;
  readonly ages: AgeGroup;
}

const visitClass = (
  syndromes: readonly SyndromeId[],
  feverClinicRate: number,
  sentinelRate: number,
  season: SeasonalProfileId,
  ages: AgeGroup = 'all',
): VisitClassModel => ({ syndromes, feverClinicRate, sentinelRate, season, ages });

export const VISIT_CLASSES = {
  ili: visitClass(['ili', 'fever', 'respiratory'], 8, 3, 'influenza'),
  fever: visitClass(['fever'], 5, 2, 'respiratory'),
  fever_resp: visitClass(['fever', 'respiratory'], 4, 2, 'respiratory'),
  respiratory: visitClass(['respiratory'], 3, 8, 'respiratory'),
  gi: visitClass(['gi'], 0, 5, 'gi_summer'),
  gi_fever: visitClass(['fever', 'gi'], 1.5, 1, 'gi_summer'),
  rash: visitClass(['rash'], 0, 1, 'rash_spring'),
  rash_fever: visitClass(['fever', 'rash'], 0.4, 0.3, 'rash_spring', 'children'),
  hfmd: visitClass(['fever', 'rash', 'hfmd'], 0.6, 0.8, 'hfmd', 'infants'),
  conjunctivitis: visitClass(['conjunctivitis'], 0, 0.5, 'flat'),
  neuro: visitClass(['neuro'], 0, 0.3, 'flat'),
  jaundice: visitClass(['jaundice'], 0, 0.1, 'flat', 'adults'),
  haemorrhagic: visitClass(['haemorrhagic'], 0, 0.15, 'flat'),
  other: visitClass([], 1.5, 14, 'flat', 'adults'),
} as const satisfies Record<string, VisitClassModel>;

export type VisitClass = keyof typeof VISIT_CLASSES;
export const VISIT_CLASS_IDS = Object.keys(VISIT_CLASSES) as VisitClass[];

export const VISIT_DISPERSION = 25;
export const VISIT_TREND_PER_YEAR = 0.03;

/** The server's visit signals: `all` and every syndrome. */
export function visitSignals(visitClass: VisitClass): readonly string[] {
  return ['all', ...VISIT_CLASSES[visitClass].syndromes];
}
