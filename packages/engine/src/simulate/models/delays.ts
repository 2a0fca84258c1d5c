import type { Random } from '../random.js';
import type { SimChannel } from '../series.js';

/**
 * When records reach the platform, and when facilities fall silent.
 *
 * Reporting delay, days from the event to the day the source sends the record (probabilities by days):
 *
 * | channel     | 0    | 1    | 2    | 3    | 4    | event                                |
 * | ----------- | ---- | ---- | ---- | ---- | ---- | ------------------------------------ |
 * | visit       | 0.70 | 0.28 | 0.02 |      |      | the visit (same-day or next-morning batch) |
 * | pharmacy    |      | 0.90 | 0.10 |      |      | the day's sales, sent the next day   |
 * | school      | 0.95 | 0.05 |      |      |      | the morning roll call                |
 * | lab         |      | 0.30 | 0.50 | 0.20 |      | the sample (sent with its result)    |
 * | hotline     | 1    |      |      |      |      | the call                             |
 * | opinion     | 0.90 | 0.10 |      |      |      | the post (crawled)                   |
 * | wastewater  |      |      | 0.50 | 0.40 | 0.10 | the sample (sent with its result)    |
 *
 * Report cards: onset → diagnosis gamma(shape 2, mean 2.5 days), rounded down; diagnosis → report
 * 0 days 0.80, 1 day 0.15, 2 days 0.03, 3 days 0.01, 4 days 0.01 (the 24-hour rule, mostly kept).
 *
 * Silence: a reporting facility falls silent on a day with probability 0.004 (about 1.5 episodes a year)
 * for 1 + geometric(mean 2) days, at most 14; its records for those days are missing, not zero.
 */
export const REPORTING_DELAY: Readonly<Record<Exclude<SimChannel, 'report-card'>, readonly number[]>> = {
  visit: [0.7, 0.28, 0.02],
  pharmacy: [0, 0.9, 0.1],
  school: [0.95, 0.05],
  lab: [0, 0.3, 0.5, 0.2],
  hotline: [1],
  opinion: [0.9, 0.1],
  wastewater: [0, 0, 0.5, 0.4, 0.1],
};

export const ONSET_TO_DIAGNOSIS = { shape: 2, meanDays: 2.5 } as const;
export const DIAGNOSIS_TO_REPORT: readonly number[] = [0.8, 0.15, 0.03, 0.01, 0.01];

export interface SilenceModel {
  /** Probability that a reporting facility starts a silent episode on a given day. */
  readonly startPerDay: number;
  /** Mean extra days after the first (geometric), and the cap. */
  readonly meanExtraDays: number;
  readonly maxDays: number;
}

export const DEFAULT_SILENCE: SilenceModel = { startPerDay: 0.004, meanExtraDays: 2, maxDays: 14 };

/** A draw from a small probability vector (index = days). */
export function drawDelay(random: Random, probabilities: readonly number[]): number {
  let u = random.uniform();
  for (let d = 0; d < probabilities.length; d++) {
    u -= probabilities[d] as number;
    if (u < 0) return d;
  }
  return probabilities.length - 1;
}

export function drawDiagnosisDelay(random: Random, meanDays: number = ONSET_TO_DIAGNOSIS.meanDays): number {
  return Math.floor(random.gamma(ONSET_TO_DIAGNOSIS.shape, meanDays / ONSET_TO_DIAGNOSIS.shape));
}

/** The days (1 = silent) of one facility over `count` days. */
export function silentDays(random: Random, count: number, model: SilenceModel): Uint8Array {
  const silent = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    if (random.uniform() >= model.startPerDay) continue;
    let length = 1;
    const pExtra = model.meanExtraDays / (1 + model.meanExtraDays);
    while (length < model.maxDays && random.uniform() < pExtra) length++;
    for (let j = i; j < Math.min(count, i + length); j++) silent[j] = 1;
    i += length;
  }
  return silent;
}
