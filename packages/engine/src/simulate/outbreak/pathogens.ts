import type {
  DrugClass,
  HotlineCategory,
  OpinionCategory,
  SchoolSignal,
  WastewaterTarget,
} from '../models/channel-models.js';
import type { AgeGroup, VisitClass } from '../models/visit-classes.js';

/**
 * What an outbreak of each pathogen looks like on every channel, unless the scenario says otherwise: the
 * visit complaint class, the notifiable disease its cards carry, the lab test and wastewater target that
 * find it, the medicines its cases buy, the school absence column, the hotline and opinion topics, its
 * incubation period (point-source curves) and serial interval (propagated curves), and the default
 * footprint: the fraction of cases each channel sees and how many days after onset it sees them (negative:
 * before — people buy medicine and stay home from school before they see a doctor).
 *
 * Incubation periods (median, lognormal sd of log): influenza 1.4 d (Lessler 2009), norovirus 1.2 d
 * (Lee 2013), salmonella 1 d, shigella 1.5 d, EV71 4 d, measles 12.5 d (Lessler 2009), SARS-CoV-2 3.4 d
 * (Omicron, Wu 2022), RSV 4.4 d (Lessler 2009).
 */
export interface PathogenPreset {
  readonly visitClass: VisitClass;
  /** Report-card disease key (data/diseases/notifiable-diseases.csv); null when its cards are not notifiable. */
  readonly disease: string | null;
  readonly labPathogen: string | null;
  readonly wastewater: WastewaterTarget | null;
  readonly drugs: Partial<Record<DrugClass, number>>;
  readonly school: SchoolSignal;
  readonly hotline: HotlineCategory;
  readonly opinion: OpinionCategory;
  readonly ages: AgeGroup;
  readonly incubation: { readonly medianDays: number; readonly sdLog: number };
  readonly serialIntervalDays: number;
  /** Days a sick pupil stays home. */
  readonly absenceDays: number;
  /** Days a case sheds into sewage. */
  readonly sheddingDays: number;
  /** Copies/L a shedding case adds at a site per 100,000 residents of its catchment. */
  readonly copiesPerCase: number;
  readonly footprint: {
    readonly visit: number;
    readonly reportCard: number;
    readonly pharmacy: number;
    readonly lab: number;
    readonly hotline: number;
    readonly opinion: number;
  };
}

const respiratoryFootprint = {
  visit: 0.6,
  reportCard: 0.2,
  pharmacy: 0.5,
  lab: 0.05,
  hotline: 0.02,
  opinion: 0.03,
};
const giFootprint = { visit: 0.5, reportCard: 0.3, pharmacy: 0.5, lab: 0.05, hotline: 0.03, opinion: 0.03 };

export const PATHOGENS = {
  influenza_a: {
    visitClass: 'ili',
    disease: 'influenza',
    labPathogen: 'influenza_a',
    wastewater: 'influenza_a',
    drugs: { antipyretic: 1, cold: 1, antiviral: 1 },
    school: 'absent_fever',
    hotline: '发热咨询',
    opinion: '健康-发热',
    ages: 'all',
    incubation: { medianDays: 1.4, sdLog: 0.35 },
    serialIntervalDays: 3,
    absenceDays: 3,
    sheddingDays: 5,
    copiesPerCase: 1_000,
    footprint: respiratoryFootprint,
  },
  influenza_b: {
    visitClass: 'ili',
    disease: 'influenza',
    labPathogen: 'influenza_b',
    wastewater: null,
    drugs: { antipyretic: 1, cold: 1, antiviral: 1 },
    school: 'absent_fever',
    hotline: '发热咨询',
    opinion: '健康-发热',
    ages: 'children',
    incubation: { medianDays: 0.6, sdLog: 0.5 },
    serialIntervalDays: 3,
    absenceDays: 3,
    sheddingDays: 5,
    copiesPerCase: 0,
    footprint: respiratoryFootprint,
  },
  sars_cov_2: {
    visitClass: 'ili',
    disease: 'covid19',
    labPathogen: 'sars_cov_2',
    wastewater: 'sars_cov_2',
    drugs: { antipyretic: 1, antitussive: 1 },
    school: 'absent_fever',
    hotline: '发热咨询',
    opinion: '健康-发热',
    ages: 'all',
    incubation: { medianDays: 3.4, sdLog: 0.4 },
    serialIntervalDays: 3.5,
    absenceDays: 5,
    sheddingDays: 10,
    copiesPerCase: 5_000,
    footprint: respiratoryFootprint,
  },
  rsv: {
    visitClass: 'fever_resp',
    disease: null,
    labPathogen: 'rsv',
    wastewater: 'rsv',
    drugs: { antitussive: 1 },
    school: 'absent_respiratory',
    hotline: '发热咨询',
    opinion: '健康-发热',
    ages: 'infants',
    incubation: { medianDays: 4.4, sdLog: 0.25 },
    serialIntervalDays: 5,
    absenceDays: 3,
    sheddingDays: 7,
    copiesPerCase: 500,
    footprint: { ...respiratoryFootprint, reportCard: 0 },
  },
  norovirus: {
    visitClass: 'gi',
    disease: 'other_infectious_diarrhea',
    labPathogen: 'norovirus',
    wastewater: 'norovirus',
    drugs: { antidiarrhoeal: 1, rehydration: 1, antiemetic: 1 },
    school: 'absent_gi',
    hotline: '腹泻呕吐',
    opinion: '健康-腹泻',
    ages: 'all',
    incubation: { medianDays: 1.2, sdLog: 0.35 },
    serialIntervalDays: 2.5,
    absenceDays: 2,
    sheddingDays: 10,
    copiesPerCase: 20_000,
    footprint: giFootprint,
  },
  salmonella: {
    visitClass: 'gi_fever',
    disease: 'other_infectious_diarrhea',
    labPathogen: null,
    wastewater: null,
    drugs: { antidiarrhoeal: 1, rehydration: 1 },
    school: 'absent_gi',
    hotline: '食品安全',
    opinion: '健康-腹泻',
    ages: 'all',
    incubation: { medianDays: 1, sdLog: 0.5 },
    serialIntervalDays: 3,
    absenceDays: 2,
    sheddingDays: 7,
    copiesPerCase: 0,
    footprint: giFootprint,
  },
  shigella: {
    visitClass: 'gi_fever',
    disease: 'dysentery',
    labPathogen: null,
    wastewater: null,
    drugs: { antidiarrhoeal: 1, antibiotic: 1 },
    school: 'absent_gi',
    hotline: '腹泻呕吐',
    opinion: '健康-腹泻',
    ages: 'all',
    incubation: { medianDays: 1.5, sdLog: 0.4 },
    serialIntervalDays: 3,
    absenceDays: 3,
    sheddingDays: 7,
    copiesPerCase: 0,
    footprint: { ...giFootprint, reportCard: 0.5 },
  },
  enterovirus_71: {
    visitClass: 'hfmd',
    disease: 'hfmd',
    labPathogen: 'enterovirus_71',
    wastewater: null,
    drugs: { antipyretic: 1 },
    school: 'absent_fever',
    hotline: '发热咨询',
    opinion: '健康-其他',
    ages: 'infants',
    incubation: { medianDays: 4, sdLog: 0.3 },
    serialIntervalDays: 4,
    absenceDays: 5,
    sheddingDays: 14,
    copiesPerCase: 0,
    footprint: { visit: 0.7, reportCard: 0.6, pharmacy: 0.3, lab: 0.1, hotline: 0.02, opinion: 0.03 },
  },
  measles: {
    visitClass: 'rash_fever',
    disease: 'measles',
    labPathogen: null,
    wastewater: null,
    drugs: { antipyretic: 1 },
    school: 'absent_fever',
    hotline: '疫情防控',
    opinion: '健康-其他',
    ages: 'children',
    incubation: { medianDays: 12.5, sdLog: 0.23 },
    serialIntervalDays: 12,
    absenceDays: 7,
    sheddingDays: 7,
    copiesPerCase: 0,
    footprint: { visit: 0.8, reportCard: 0.8, pharmacy: 0.2, lab: 0, hotline: 0.03, opinion: 0.05 },
  },
} as const satisfies Record<string, PathogenPreset>;

export type PathogenId = keyof typeof PATHOGENS;
export const PATHOGEN_IDS = Object.keys(PATHOGENS) as [PathogenId, ...PathogenId[]];
