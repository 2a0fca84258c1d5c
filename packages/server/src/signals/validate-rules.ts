import { methods } from '@shaobing/engine';
import type { FieldIssue } from '../http/api-error.js';
import { checkControl } from './method-check.js';
import type { RuleSpec } from './rule.js';

/**
 * The checks a configuration passes before it is saved, beyond its zod shape: keys unique, every method
 * known, every control valid for its method and interval. Each issue names the field as the API's schema
 * errors do (`body.rules.3.control.alpha`).
 */
export function ruleIssues(rules: readonly RuleSpec[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Map<string, number>();
  rules.forEach((rule, i) => {
    const at = `body.rules.${i}`;
    const first = seen.get(rule.key);
    if (first !== undefined) {
      issues.push({ field: `${at}.key`, reason: `the key ${rule.key} is already used by rules.${first}` });
    } else seen.set(rule.key, i);
    if (!methods.has(rule.method)) {
      issues.push({
        field: `${at}.method`,
        reason: `unknown method ${rule.method}; known: ${[...methods.keys()].join(', ')}`,
      });
      return;
    }
    const problem = checkControl(rule.method, rule.control, rule.period);
    if (problem) {
      issues.push({ field: fieldOf(at, problem.field), reason: `${rule.method}: ${problem.reason}` });
    }
  });
  return issues;
}

/** The rule's field at fault: the interval (a method for weekly data only), or a control. */
function fieldOf(at: string, field: string): string {
  if (field === 'frequency' || field === 'dates') return `${at}.period`;
  if (field === 'control') return `${at}.control`;
  return `${at}.control.${field}`;
}
