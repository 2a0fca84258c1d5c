import type { MessageKey } from '../../i18n/messages.js';
import { addDays } from '../../series/periods.js';
import type { DetectionSignal } from '../../signals/events.js';
import type { AlertConfig, StatisticalRule } from '../config/schema.js';
import { familiesOf, matchesPatterns, placeLevelOf } from '../config/families.js';
import type { Names } from '../names.js';
import { bilingual, formatNumber, formatP } from '../reason.js';
import type { SignalEvidence } from './evidence.js';
import type { Trigger } from './trigger.js';
import type { NotifiableDiseases } from '../../channels/notifiable-diseases.js';

/**
 * Statistical rules: an alarm of a detection method on one series (the signals of src/signals/), filtered by
 * method, detection rule, channel, place level, ESSENCE level and p-value. One signal, one firing; the
 * alert is about the series' family at the series' place.
 */

export function passesStatistical(rule: StatisticalRule, s: DetectionSignal): boolean {
  if (!s.alarm) return false;
  if (rule.methods && !rule.methods.includes(s.method)) return false;
  if (rule.channels && !rule.channels.includes(s.channel as never)) return false;
  if (!matchesPatterns(rule.detectionRules, s.ruleKey)) return false;
  const level = placeLevelOf(s.placeCode);
  if (rule.placeLevels && !(level && rule.placeLevels.includes(level))) return false;
  if (rule.minMethodLevel !== undefined && s.level !== null && s.level < rule.minMethodLevel) return false;
  if (rule.maxPValue !== undefined && s.pvalue !== null && s.pvalue > rule.maxPValue) return false;
  return true;
}

export const periodEndOf = (s: Pick<DetectionSignal, 'period' | 'periodStart'>) =>
  s.period === 'week' ? addDays(s.periodStart, 6) : s.periodStart;

export function signalEvidence(s: DetectionSignal): SignalEvidence {
  return {
    type: 'signal',
    signalId: s.id,
    channel: s.channel,
    signal: s.signal,
    placeCode: s.placeCode,
    period: s.period,
    periodStart: s.periodStart,
    method: s.method,
    ruleKey: s.ruleKey,
    observed: s.observed,
    expected: s.expected,
    upperbound: s.upperbound,
    score: s.score,
    pvalue: s.pvalue,
    level: s.level,
  };
}

export function statisticalTriggers(
  rule: StatisticalRule,
  signals: readonly DetectionSignal[],
  context: { config: AlertConfig; names: Names; diseases: NotifiableDiseases },
): Trigger[] {
  const { config, names, diseases } = context;
  return signals
    .filter((s) => passesStatistical(rule, s))
    .flatMap((s) =>
      familiesOf(config, s.channel, s.signal).map((family): Trigger => {
        const disease = s.channel === 'report-card' ? diseases.on(s.signal, s.periodStart) : undefined;
        return {
          rule,
          family,
          placeCode: s.placeCode,
          key: `signal:${s.id}:${family}`,
          periodStart: s.periodStart,
          periodEnd: periodEndOf(s),
          channels: [s.channel],
          facts: {
            kind: 'statistical',
            family,
            diseaseClass: disease?.class,
            management: disease?.management,
            unknownCause: false,
            channels: 1,
            cases: 0,
            growing: false,
          },
          evidence: [signalEvidence(s)],
          reason: bilingual('alert.reason.statistical', (language) => ({
            place: names.place(s.placeCode, language),
            channel: names.channel(s.channel, language),
            signal: s.channel === 'report-card' ? names.disease(s.signal, language) : s.signal,
            period: names.text(`alert.period.${s.period}` satisfies MessageKey, language, {
              date: s.periodStart,
            }),
            observed: formatNumber(s.observed),
            expected: formatNumber(s.expected),
            threshold: formatNumber(s.upperbound),
            method: s.method,
            pvalue: s.pvalue === null ? '' : `, p = ${formatP(s.pvalue)}`,
          })),
        };
      }),
    );
}
