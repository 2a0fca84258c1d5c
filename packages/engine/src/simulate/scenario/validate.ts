import type { z } from 'zod';
import { scenarioSchema, type Scenario } from './schema.js';

/** One problem with a scenario: where (`outbreaks[2].shape.medianDays`) and why. */
export interface ScenarioIssue {
  readonly path: string;
  readonly reason: string;
}

export type ScenarioResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly issues: ScenarioIssue[] };

/** `outbreaks.2.shape` → `outbreaks[2].shape`; the root is `(scenario)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text || '(scenario)';
}

function issues(error: z.ZodError): ScenarioIssue[] {
  return error.issues.map((issue) => {
    let reason = issue.message;
    if (issue.code === 'unrecognized_keys')
      reason = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    return { path: formatPath(issue.path), reason };
  });
}

/** Validates a parsed JSON value as a scenario: the scenario with its defaults, or every problem found. */
export function validateScenario(value: unknown): ScenarioResult {
  const parsed = scenarioSchema.safeParse(value);
  return parsed.success ? { ok: true, scenario: parsed.data } : { ok: false, issues: issues(parsed.error) };
}

/** Parses scenario JSON text; a syntax error is an issue at the root. */
export function parseScenario(text: string): ScenarioResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      issues: [{ path: '(scenario)', reason: `not valid JSON: ${(error as Error).message}` }],
    };
  }
  return validateScenario(value);
}
