import type { AlertConfig, RulePatterns } from './schema.js';

/**
 * Which family a series belongs to: a report card's signal is its disease (cholera alerts are about
 * cholera); other signals belong to every syndrome family that lists them, or else to a family of their
 * own, `channel:signal`, so that an alert is always about something.
 */
export function familiesOf(config: AlertConfig, channel: string, signal: string): string[] {
  if (channel === 'report-card') return [signal];
  const families = Object.entries(config.families)
    .filter(([, f]) => f.members.some((m) => m.channel === channel && m.signals.includes(signal)))
    .map(([key]) => key);
  return families.length > 0 ? families : [`${channel}:${signal}`];
}

/** Whether a detection rule key passes include/exclude patterns (`*` matches any run of characters). */
export function matchesPatterns(patterns: RulePatterns | undefined, key: string): boolean {
  if (!patterns) return true;
  const hit = (pattern: string) => globRegExp(pattern).test(key);
  if (patterns.include && !patterns.include.some(hit)) return false;
  return !(patterns.exclude?.some(hit) ?? false);
}

const globs = new Map<string, RegExp>();
function globRegExp(pattern: string): RegExp {
  let re = globs.get(pattern);
  if (!re) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    globs.set(pattern, (re = new RegExp(`^${body}$`)));
  }
  return re;
}

/** The place level of an NBS code: 4 digits city, 6 district, 9 street, 12 community. */
export function placeLevelOf(code: string): 'city' | 'district' | 'street' | 'community' | undefined {
  switch (code.length) {
    case 4:
      return 'city';
    case 6:
      return 'district';
    case 9:
      return 'street';
    case 12:
      return 'community';
    default:
      return undefined;
  }
}
