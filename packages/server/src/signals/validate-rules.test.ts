import { describe, expect, test } from 'vitest';
import { DEFAULT_RULES } from './default-rules.js';
import { historyNeeded } from './method-check.js';
import { ruleInput, type RuleInput } from './rule.js';
import { ruleIssues } from './validate-rules.js';

const parse = (rules: RuleInput[]) => rules.map((r) => ruleInput.parse(r));
const base: RuleInput = {
  key: 'r',
  channel: 'visit',
  placeLevels: ['district'],
  period: 'day',
  method: 'earsC',
  control: { method: 'C2' },
};

describe('rule validation', () => {
  test('the defaults are valid', () => {
    expect(ruleIssues(parse([...DEFAULT_RULES]))).toEqual([]);
  });

  test.each([
    [{ control: { method: 'C4' } }, 'body.rules.0.control.method'],
    [{ control: { alpha: 2 } }, 'body.rules.0.control.alpha'],
    [{ control: { baselin: 7 } }, 'body.rules.0.control'],
    [{ control: { range: [1, 2] } }, 'body.rules.0.control.range'],
    [{ method: 'algo.nothing' }, 'body.rules.0.method'],
    [{ method: 'algo.cdc', control: {} }, 'body.rules.0.period'],
    [{ method: 'farringtonFlexible', control: { b: 0 } }, 'body.rules.0.control.b'],
  ] as [Partial<RuleInput>, string][])('%j is refused naming %s', (change, field) => {
    const issues = ruleIssues(parse([{ ...base, ...change }]));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.field).toBe(field);
  });

  test('keys are unique', () => {
    expect(ruleIssues(parse([base, base]))).toEqual([
      { field: 'body.rules.1.key', reason: 'the key r is already used by rules.0' },
    ]);
  });

  test('the history read covers what the method needs', () => {
    expect(historyNeeded('earsC', { baseline: 7 }, 'day')).toBe(11);
    expect(historyNeeded('cidars.mpm', {}, 'day')).toBe(5 * 365 + 21);
    expect(historyNeeded('farringtonFlexible', { b: 5, w: 3 }, 'week')).toBe(5 * 53 + 4);
  });
});
