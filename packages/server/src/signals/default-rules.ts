import type { ChannelId } from '../channels/channel-id.js';
import type { RuleInput } from './rule.js';

/**
 * The configuration a new installation starts with (version 1), before the city CDC tunes it through
 * `PUT /api/v1/detection/config`. Each choice follows the practice the method comes from.
 */

/**
 * Daily syndromic channels: visits by syndrome, pharmacy sales by drug class, school absence by cause,
 * laboratory positives by pathogen, hotline and public-opinion messages by category. Wastewater is left
 * out: its series are sums of concentrations from a few samples a week, which no count method reads.
 */
const SYNDROMIC: readonly ChannelId[] = ['visit', 'pharmacy', 'school', 'lab', 'hotline', 'opinion'];

/** Every count channel, for the weekly comparison with past years. */
const WEEKLY: readonly ChannelId[] = ['report-card', ...SYNDROMIC];

/**
 * farringtonFlexible as Noufaily et al. (2013, Stat Med 32:1206) recommend and R's surveillance encodes it:
 * five years of baseline split into ten seasonal periods (noPeriods) instead of a ±3-week window only, the
 * latest 26 weeks left out of the baseline so a current outbreak does not raise its own threshold, past
 * outbreaks down-weighted above Anscombe residual 2.58, a trend always fitted (pThresholdTrend 1), and the
 * threshold a negative-binomial quantile (nbPlugin) rather than Farrington's 2/3-power approximation, which
 * Noufaily showed gives too many false alarms. The same settings as `npm run bench:detect`.
 */
export const NOUFAILY_CONTROL = {
  b: 5,
  w: 3,
  reweight: true,
  weightsThreshold: 2.58,
  trend: true,
  pThresholdTrend: 1,
  limit54: [5, 4],
  powertrans: '2/3',
  noPeriods: 10,
  pastWeeksNotIncluded: 26,
  alpha: 0.05,
  thresholdMethod: 'nbPlugin',
} as const;

export const DEFAULT_RULES: readonly RuleInput[] = [
  {
    key: 'report-card.cidars',
    channel: 'report-card',
    placeLevels: ['city', 'district'],
    period: 'day',
    method: 'cidars.mpm',
    // CIDARS (Yang et al. 2011), China's national automated alert system, runs the moving percentile on every
    // notifiable disease per county (a district here): the last 7 days against the 80th percentile of the
    // same and neighbouring 7-day windows of the previous 5 years (the engine's defaults, spelt out).
    control: { years: 5, k: 2, p: 0.8 },
    lookback: 7,
    description: '传染病报告卡：CIDARS 移动百分位数法（区、市，逐日）',
  },
  ...WEEKLY.flatMap((channel): RuleInput[] => [
    {
      key: `${channel}.weekly.farrington-noufaily`,
      channel,
      placeLevels: ['city', 'district'],
      period: 'week',
      method: 'farringtonFlexible',
      control: NOUFAILY_CONTROL,
      description: '周报：改进 Farrington（Noufaily 设置；市、区）',
    },
    {
      key: `${channel}.weekly.bayes`,
      channel,
      placeLevels: ['street'],
      period: 'week',
      method: 'algo.bayes',
      // Streets' weekly counts are small and often zero, where the Noufaily GLM costs several times more per
      // point than at district level and its limit54 rule mutes most alarms anyway. The Bayes system
      // (Riebler 2004) compares the week with the same weeks ±3 of five past years through a Poisson–gamma
      // predictive quantile: seasonal, exact for small counts, and without a model fit. alpha 0.01 because
      // there are fifteen times more street series than district ones.
      control: { b: 5, w: 3, actY: false, alpha: 0.01 },
      description: '周报：Bayes 方法（街道）',
    },
  ]),
  ...SYNDROMIC.flatMap((channel): RuleInput[] => [
    {
      key: `${channel}.ears-c2`,
      channel,
      placeLevels: ['city', 'district', 'street'],
      period: 'day',
      method: 'earsC',
      // EARS C2 (Hutwagner 2003): a 7-day baseline with a 2-day guard band, CDC's alpha 0.001. It needs no
      // history, so new channels and streets are watched from their second week. minSigma 1: on sparse street
      // series a baseline of zeros has sd 0, and without a floor any single count would alarm.
      control: { method: 'C2', baseline: 7, minSigma: 1 },
      description: '症状监测：EARS C2（市、区、街道，逐日）',
    },
    {
      key: `${channel}.essence-ewma`,
      channel,
      placeLevels: ['city', 'district'],
      period: 'day',
      method: 'essence.ewma',
      // ESSENCE's EWMA (CDC Rnssp defaults: 28-day baseline, 2-day guard band, weights 0.4 and 0.9) catches the
      // slow rises C2's one-week memory misses; red at p < 0.01, yellow at p < 0.05. District level and up,
      // where counts are large enough for its normal approximation.
      control: {},
      description: '症状监测：ESSENCE EWMA（市、区，逐日）',
    },
  ]),
];
