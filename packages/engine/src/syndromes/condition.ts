import { conceptBit } from './lexicon.js';
import type { Condition } from './types.js';

/** What a syndrome's condition is tested on: the concepts found (a bit set) and the highest temperature. */
export interface Findings {
  readonly concepts: number;
  readonly temperature: number | undefined;
}

/** Turns a condition into a predicate once, so classifying does not walk the rule data again. */
export function compileCondition(condition: Condition): (findings: Findings) => boolean {
  if ('concept' in condition) {
    const bit = conceptBit(condition.concept);
    return (f) => (f.concepts & bit) !== 0;
  }
  if ('any' in condition) {
    const parts = condition.any.map(compileCondition);
    return (f) => {
      for (const part of parts) if (part(f)) return true;
      return false;
    };
  }
  if ('all' in condition) {
    const parts = condition.all.map(compileCondition);
    return (f) => {
      for (const part of parts) if (!part(f)) return false;
      return true;
    };
  }
  if ('temperatureAtLeast' in condition) {
    const threshold = condition.temperatureAtLeast;
    return (f) => f.temperature !== undefined && f.temperature >= threshold;
  }
  return (f) => f.temperature === undefined;
}
