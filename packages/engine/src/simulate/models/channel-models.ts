import type { SeasonalProfileId } from '../seasonality.js';
import type { SchoolLevel } from '../city/sim-facility.js';
import type { AgeGroup } from './visit-classes.js';

/**
 * The baseline parameters of every channel but visits (visit-classes.ts). A rate is the annual mean at the
 * end of the simulated period, before day-of-week and holiday factors; `k` is the negative binomial size
 * (variance μ + μ²/k) of one unit-day.
 */

export interface RateModel {
  readonly rate: number;
  readonly season: SeasonalProfileId;
  readonly k: number;
}

const model = (rate: number, season: SeasonalProfileId, k: number): RateModel => ({ rate, season, k });

/**
 * Pharmacy units sold per store per day (store size × rate); day of week `pharmacy`, holidays `pharmacy`,
 * trend +4 % a year.
 *
 * | drug class     | units | season          | k  |
 * | -------------- | ----- | --------------- | -- |
 * | antipyretic    | 18    | otc_respiratory | 12 |
 * | antitussive    | 15    | otc_respiratory | 12 |
 * | cold           | 30    | otc_respiratory | 12 |
 * | throat         | 10    | respiratory     | 12 |
 * | antidiarrhoeal | 5     | gi_summer       | 12 |
 * | rehydration    | 2     | gi_summer       | 12 |
 * | antiemetic     | 1.5   | gi_summer       | 12 |
 * | antiviral      | 3     | influenza       | 12 |
 * | antibiotic     | 8     | respiratory     | 12 |
 * | other          | 120   | flat            | 12 |
 */
export const PHARMACY_MODELS = {
  antipyretic: model(18, 'otc_respiratory', 12),
  antitussive: model(15, 'otc_respiratory', 12),
  cold: model(30, 'otc_respiratory', 12),
  throat: model(10, 'respiratory', 12),
  antidiarrhoeal: model(5, 'gi_summer', 12),
  rehydration: model(2, 'gi_summer', 12),
  antiemetic: model(1.5, 'gi_summer', 12),
  antiviral: model(3, 'influenza', 12),
  antibiotic: model(8, 'respiratory', 12),
  other: model(120, 'flat', 12),
} as const satisfies Record<string, RateModel>;
export type DrugClass = keyof typeof PHARMACY_MODELS;
export const PHARMACY_TREND_PER_YEAR = 0.04;

/**
 * Pupils absent per enrolled pupil per school day (× the level's factor: kindergarten 1.6, primary 1,
 * middle 0.7); day of week `school`; no rows on days without school (weekends, holidays, breaks).
 *
 * | column             | rate   | season    | k |
 * | ------------------ | ------ | --------- | - |
 * | absent_fever       | 0.0015 | influenza | 6 |
 * | absent_respiratory | 0.002  | respiratory | 6 |
 * | absent_gi          | 0.0006 | norovirus | 6 |
 * | absent_other       | 0.003  | flat      | 6 |
 */
export const SCHOOL_MODELS = {
  absent_fever: model(0.0015, 'influenza', 6),
  absent_respiratory: model(0.002, 'respiratory', 6),
  absent_gi: model(0.0006, 'norovirus', 6),
  absent_other: model(0.003, 'flat', 6),
} as const satisfies Record<string, RateModel>;
export type SchoolSignal = keyof typeof SCHOOL_MODELS;
export const SCHOOL_LEVEL_FACTOR: Readonly<Record<SchoolLevel, number>> = {
  kindergarten: 1.6,
  primary: 1,
  middle: 0.7,
};

/**
 * Laboratories: samples per lab per day (× lab size; day of week `lab`, holidays `lab`; k = 10), each sample
 * tested for its panel's pathogens; the share positive is `positivity` × the season, at most 0.9.
 *
 * | panel       | samples | pathogens: positivity (season)                                                     |
 * | ----------- | ------- | ---------------------------------------------------------------------------------- |
 * | respiratory | 20      | influenza_a 0.08 (influenza), influenza_b 0.04 (influenza_b), rsv 0.04 (rsv), sars_cov_2 0.05 (covid) |
 * | gi          | 4       | norovirus 0.15 (norovirus)                                                         |
 * | hfmd        | 3       | enterovirus_71 0.08 (hfmd)                                                         |
 */
export interface LabPanel {
  readonly samples: number;
  readonly pathogens: Readonly<
    Record<string, { readonly positivity: number; readonly season: SeasonalProfileId }>
  >;
}
export const LAB_PANELS = {
  respiratory: {
    samples: 20,
    pathogens: {
      influenza_a: { positivity: 0.08, season: 'influenza' },
      influenza_b: { positivity: 0.04, season: 'influenza_b' },
      rsv: { positivity: 0.04, season: 'rsv' },
      sars_cov_2: { positivity: 0.05, season: 'covid' },
    },
  },
  gi: { samples: 4, pathogens: { norovirus: { positivity: 0.15, season: 'norovirus' } } },
  hfmd: { samples: 3, pathogens: { enterovirus_71: { positivity: 0.08, season: 'hfmd' } } },
} as const satisfies Record<string, LabPanel>;
export type LabPanelId = keyof typeof LAB_PANELS;
export const LAB_DISPERSION = 10;
export const MAX_POSITIVITY = 0.9;

/**
 * Notifiable-disease report cards by residence district and onset day: cases per 100,000 residents per day
 * (the annual incidence / 365, near China's national figures of recent years), no day-of-week or holiday
 * factor (onset days), no trend.
 *
 * | disease                   | per 100k a year | season      | k  | ages     |
 * | ------------------------- | --------------- | ----------- | -- | -------- |
 * | influenza                 | 600             | influenza   | 4  | all      |
 * | hfmd                      | 180             | hfmd        | 10 | infants  |
 * | other_infectious_diarrhea | 90              | gi_summer   | 15 | all      |
 * | hepatitis_b               | 60              | flat        | 50 | adults   |
 * | tuberculosis_pulmonary    | 45              | tb_spring   | 50 | adults   |
 * | syphilis                  | 35              | flat        | 50 | adults   |
 * | hepatitis_c               | 12              | flat        | 50 | adults   |
 * | gonorrhea                 | 8               | flat        | 50 | adults   |
 * | mumps                     | 8               | mumps       | 10 | children |
 * | scarlet_fever             | 5               | scarlet     | 10 | children |
 * | hiv_aids                  | 5               | flat        | 50 | adults   |
 * | hepatitis_e               | 3               | flat        | 50 | adults   |
 * | dysentery                 | 2               | gi_summer   | 10 | all      |
 * | hfrs                      | 0.5             | hfrs        | 5  | adults   |
 * | dengue                    | 0.3             | dengue      | 1  | adults   |
 */
export interface DiseaseModel extends RateModel {
  readonly ages: AgeGroup;
}
const disease = (perYear: number, season: SeasonalProfileId, k: number, ages: AgeGroup): DiseaseModel => ({
  rate: perYear / 365,
  season,
  k,
  ages,
});
export const REPORT_CARD_MODELS = {
  influenza: disease(600, 'influenza', 4, 'all'),
  hfmd: disease(180, 'hfmd', 10, 'infants'),
  other_infectious_diarrhea: disease(90, 'gi_summer', 15, 'all'),
  hepatitis_b: disease(60, 'flat', 50, 'adults'),
  tuberculosis_pulmonary: disease(45, 'tb_spring', 50, 'adults'),
  syphilis: disease(35, 'flat', 50, 'adults'),
  hepatitis_c: disease(12, 'flat', 50, 'adults'),
  gonorrhea: disease(8, 'flat', 50, 'adults'),
  mumps: disease(8, 'mumps', 10, 'children'),
  scarlet_fever: disease(5, 'scarlet', 10, 'children'),
  hiv_aids: disease(5, 'flat', 50, 'adults'),
  hepatitis_e: disease(3, 'flat', 50, 'adults'),
  dysentery: disease(2, 'gi_summer', 10, 'all'),
  hfrs: disease(0.5, 'hfrs', 5, 'adults'),
  dengue: disease(0.3, 'dengue', 1, 'adults'),
} as const satisfies Record<string, DiseaseModel>;
export type BaselineDisease = keyof typeof REPORT_CARD_MODELS;

/**
 * 12345 and 120 messages per 100,000 residents per district per day, by category (the series signal);
 * day of week `hotline`, holidays `hotline`, trend +5 % a year.
 *
 * | line  | category  | rate | season    | k |
 * | ----- | --------- | ---- | --------- | - |
 * | 12345 | 发热咨询  | 0.3  | influenza | 8 |
 * | 12345 | 腹泻呕吐  | 0.1  | gi_summer | 8 |
 * | 12345 | 疫情防控  | 0.15 | flat      | 8 |
 * | 12345 | 食品安全  | 0.3  | gi_summer | 8 |
 * | 12345 | 环境卫生  | 1.2  | flat      | 8 |
 * | 12345 | 噪音扰民  | 1.0  | flat      | 8 |
 * | 12345 | 交通出行  | 1.5  | flat      | 8 |
 * | 12345 | 物业管理  | 1.5  | flat      | 8 |
 * | 12345 | 供水供电  | 0.8  | flat      | 8 |
 * | 120   | 急救-发热 | 0.15 | influenza | 8 |
 * | 120   | 急救-呼吸困难 | 0.2 | respiratory | 8 |
 * | 120   | 急救-腹痛腹泻 | 0.1 | gi_summer | 8 |
 * | 120   | 急救-外伤 | 0.4  | flat      | 8 |
 */
export interface HotlineModel extends RateModel {
  readonly line: '12345' | '120';
}
const hotline = (line: '12345' | '120', rate: number, season: SeasonalProfileId): HotlineModel => ({
  line,
  rate,
  season,
  k: 8,
});
export const HOTLINE_MODELS = {
  发热咨询: hotline('12345', 0.3, 'influenza'),
  腹泻呕吐: hotline('12345', 0.1, 'gi_summer'),
  疫情防控: hotline('12345', 0.15, 'flat'),
  食品安全: hotline('12345', 0.3, 'gi_summer'),
  环境卫生: hotline('12345', 1.2, 'flat'),
  噪音扰民: hotline('12345', 1.0, 'flat'),
  交通出行: hotline('12345', 1.5, 'flat'),
  物业管理: hotline('12345', 1.5, 'flat'),
  供水供电: hotline('12345', 0.8, 'flat'),
  '急救-发热': hotline('120', 0.15, 'influenza'),
  '急救-呼吸困难': hotline('120', 0.2, 'respiratory'),
  '急救-腹痛腹泻': hotline('120', 0.1, 'gi_summer'),
  '急救-外伤': hotline('120', 0.4, 'flat'),
} as const satisfies Record<string, HotlineModel>;
export type HotlineCategory = keyof typeof HOTLINE_MODELS;
export const HOTLINE_TREND_PER_YEAR = 0.05;

/**
 * Public-opinion posts per 100,000 residents of the city per day, by category; 40 % name a district (and
 * count there), the rest the city only; no day-of-week factor, holidays `opinion`, trend +10 % a year.
 *
 * | category | rate | season    | k |
 * | -------- | ---- | --------- | - |
 * | 健康-发热 | 0.1  | influenza | 3 |
 * | 健康-腹泻 | 0.04 | gi_summer | 3 |
 * | 健康-其他 | 0.2  | flat      | 3 |
 * | 生活     | 0.8  | flat      | 3 |
 * | 交通     | 0.4  | flat      | 3 |
 * | 天气     | 0.3  | flat      | 3 |
 * | 教育     | 0.3  | flat      | 3 |
 */
export const OPINION_MODELS = {
  '健康-发热': model(0.1, 'influenza', 3),
  '健康-腹泻': model(0.04, 'gi_summer', 3),
  '健康-其他': model(0.2, 'flat', 3),
  生活: model(0.8, 'flat', 3),
  交通: model(0.4, 'flat', 3),
  天气: model(0.3, 'flat', 3),
  教育: model(0.3, 'flat', 3),
} as const satisfies Record<string, RateModel>;
export type OpinionCategory = keyof typeof OPINION_MODELS;
export const OPINION_PLACED_SHARE = 0.4;
export const OPINION_TREND_PER_YEAR = 0.1;

/**
 * Wastewater: one sample per site on Mondays and Thursdays, per target a concentration (copies/L) of
 * median × season × lognormal(0, 0.6) noise.
 *
 * | target      | median | season    |
 * | ----------- | ------ | --------- |
 * | sars_cov_2  | 50,000 | covid     |
 * | influenza_a | 8,000  | influenza |
 * | rsv         | 3,000  | rsv       |
 * | norovirus   | 200,000 | norovirus |
 */
export const WASTEWATER_MODELS = {
  sars_cov_2: { median: 50_000, season: 'covid' },
  influenza_a: { median: 8_000, season: 'influenza' },
  rsv: { median: 3_000, season: 'rsv' },
  norovirus: { median: 200_000, season: 'norovirus' },
} as const satisfies Record<string, { median: number; season: SeasonalProfileId }>;
export type WastewaterTarget = keyof typeof WASTEWATER_MODELS;
export const WASTEWATER_NOISE_SDLOG = 0.6;
/** Monday and Thursday (0 = Monday). */
export const WASTEWATER_SAMPLING_WEEKDAYS: readonly number[] = [0, 3];
