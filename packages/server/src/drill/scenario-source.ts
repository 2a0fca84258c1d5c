import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parseScenario, type Scenario, type ScenarioIssue } from '@shaobing/engine';

/**
 * Where a drill's scenario comes from: a shipped scenario by name (`school-ili` is
 * data/scenarios/school-ili.json), a file, or JSON given inline (the API). Every problem comes back with its
 * path in the scenario and the reason, never as an exception.
 */

const scenarios = new URL('../../../../data/scenarios/', import.meta.url);

export type ScenarioSource =
  { ok: true; scenario: Scenario } | { ok: false; issues: readonly ScenarioIssue[] };

/** The names of the shipped scenarios (data/scenarios/*.json). */
export function shippedScenarios(): string[] {
  return readdirSync(scenarios)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export function shippedScenario(name: string): ScenarioSource {
  if (!shippedScenarios().includes(name))
    return {
      ok: false,
      issues: [
        {
          path: 'scenario',
          reason: `no shipped scenario "${name}"; shipped: ${shippedScenarios().join(', ')}`,
        },
      ],
    };
  return parseScenario(readFileSync(new URL(`${name}.json`, scenarios), 'utf8'));
}

/** A file path, or a shipped scenario's name when no such file exists. */
export function scenarioFromFile(file: string): ScenarioSource {
  if (!existsSync(file)) {
    if (/^[a-z0-9-]+$/.test(file)) return shippedScenario(file);
    return { ok: false, issues: [{ path: '--scenario', reason: `no file ${file}` }] };
  }
  return parseScenario(readFileSync(file, 'utf8'));
}
