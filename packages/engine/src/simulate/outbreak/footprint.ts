import type {
  DrugClass,
  HotlineCategory,
  OpinionCategory,
  SchoolSignal,
  WastewaterTarget,
} from '../models/channel-models.js';
import type { VisitClass } from '../models/visit-classes.js';
import type { Footprint, OutbreakSpec } from '../scenario/schema.js';
import { PATHOGENS } from './pathogens.js';

/**
 * An outbreak's footprint on every channel, the scenario's values over the pathogen's preset. Lags are
 * days after onset (fractions: that share of cases one day later); a fraction of 0 turns a channel off.
 *
 * | channel     | default fraction         | default lag | what a case adds                                  |
 * | ----------- | ------------------------ | ----------- | ------------------------------------------------- |
 * | visit       | preset (0.5–0.8)         | 1           | one visit of the pathogen's complaint class       |
 * | report-card | preset (0–0.8)           | onset       | one card (onset day), diagnosed ~2.5 days later   |
 * | pharmacy    | preset (0.2–0.5)         | 0           | `units` of each drug class, at a store nearby     |
 * | school      | 0.9 at a school, else 0  | 0           | an absent pupil on each school day of the absence |
 * | lab         | preset (0–0.1)           | 1           | one positive sample (and a test of its panel)     |
 * | hotline     | preset (0.02–0.03)       | 1           | one 12345 message on the topic                    |
 * | opinion     | preset (0.03–0.05)       | 2           | one post on the topic                             |
 * | wastewater  | every case, if a target  | −1          | copies/L while shedding, per 100k of catchment    |
 */
export interface ResolvedFootprint {
  readonly visit: { readonly fraction: number; readonly lagDays: number; readonly visitClass: VisitClass };
  readonly reportCard: {
    readonly fraction: number;
    readonly disease: string | null;
    readonly classification: 'suspected' | 'clinical' | 'confirmed';
    readonly diagnosisDelayDays: number;
  };
  readonly pharmacy: {
    readonly fraction: number;
    readonly lagDays: number;
    readonly units: readonly (readonly [DrugClass, number])[];
  };
  readonly school: {
    readonly fraction: number;
    readonly lagDays: number;
    readonly column: SchoolSignal;
    readonly absenceDays: number;
  };
  readonly lab: { readonly fraction: number; readonly lagDays: number; readonly pathogen: string | null };
  readonly hotline: {
    readonly fraction: number;
    readonly lagDays: number;
    readonly category: HotlineCategory;
  };
  readonly opinion: {
    readonly fraction: number;
    readonly lagDays: number;
    readonly category: OpinionCategory;
  };
  readonly wastewater: {
    readonly target: WastewaterTarget | null;
    readonly lagDays: number;
    readonly sheddingDays: number;
    readonly copiesPerCase: number;
  };
}

export const DEFAULT_LAGS = {
  visit: 1,
  pharmacy: 0,
  school: 0,
  lab: 1,
  hotline: 1,
  opinion: 2,
  wastewater: -1,
} as const;

export function resolveFootprint(spec: OutbreakSpec, atSchool: boolean): ResolvedFootprint {
  const p = PATHOGENS[spec.pathogen];
  const f: Footprint = spec.footprint ?? {};
  const card = f['report-card'] ?? {};
  return {
    visit: {
      fraction: f.visit?.fraction ?? p.footprint.visit,
      lagDays: f.visit?.lagDays ?? DEFAULT_LAGS.visit,
      visitClass: (f.visit?.class as VisitClass | undefined) ?? p.visitClass,
    },
    reportCard: {
      fraction: (card.disease ?? p.disease) === null ? 0 : (card.fraction ?? p.footprint.reportCard),
      disease: card.disease ?? p.disease,
      classification: card.classification ?? (p.labPathogen ? 'confirmed' : 'clinical'),
      diagnosisDelayDays: card.diagnosisDelayDays ?? 2.5,
    },
    pharmacy: {
      fraction: f.pharmacy?.fraction ?? p.footprint.pharmacy,
      lagDays: f.pharmacy?.lagDays ?? DEFAULT_LAGS.pharmacy,
      units: Object.entries(f.pharmacy?.units ?? p.drugs) as [DrugClass, number][],
    },
    school: {
      fraction: f.school?.fraction ?? (atSchool ? 0.9 : 0),
      lagDays: f.school?.lagDays ?? DEFAULT_LAGS.school,
      column: f.school?.column ?? p.school,
      absenceDays: f.school?.absenceDays ?? p.absenceDays,
    },
    lab: {
      fraction: (f.lab?.pathogen ?? p.labPathogen) === null ? 0 : (f.lab?.fraction ?? p.footprint.lab),
      lagDays: f.lab?.lagDays ?? DEFAULT_LAGS.lab,
      pathogen: f.lab?.pathogen ?? p.labPathogen,
    },
    hotline: {
      fraction: f.hotline?.fraction ?? p.footprint.hotline,
      lagDays: f.hotline?.lagDays ?? DEFAULT_LAGS.hotline,
      category: f.hotline?.category ?? p.hotline,
    },
    opinion: {
      fraction: f.opinion?.fraction ?? p.footprint.opinion,
      lagDays: f.opinion?.lagDays ?? DEFAULT_LAGS.opinion,
      category: f.opinion?.category ?? p.opinion,
    },
    wastewater: {
      target: f.wastewater?.target ?? p.wastewater,
      lagDays: f.wastewater?.lagDays ?? DEFAULT_LAGS.wastewater,
      sheddingDays: f.wastewater?.sheddingDays ?? p.sheddingDays,
      copiesPerCase: f.wastewater?.copiesPerCase ?? p.copiesPerCase,
    },
  };
}
