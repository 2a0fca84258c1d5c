import { describe, expect, test } from 'vitest';
import {
  DEFAULT_VERIFICATION_RULES,
  deadlineFor,
  verificationRulesSchema,
  type AlertFacts,
} from './deadline-rules.js';

const at = new Date('2024-07-01T02:00:00.000Z');
const hoursAfter = (d: Date) => (d.getTime() - at.getTime()) / 3_600_000;
const facts = (f: Partial<AlertFacts>): AlertFacts => ({ family: 'x', unknownCause: false, ...f });

describe('the verification deadline table', () => {
  test.each([
    [
      'cholera (class A)',
      facts({ family: 'cholera', diseaseClass: 'A', management: 'A' }),
      'managed-as-class-a',
      2,
    ],
    [
      'SARS (class B managed as A)',
      facts({ family: 'sars', diseaseClass: 'B', management: 'A' }),
      'managed-as-class-a',
      2,
    ],
    [
      'pneumonia of unknown cause',
      facts({ family: 'unknown-pneumonia', unknownCause: true }),
      'unknown-cause',
      2,
    ],
    ['polio (class B)', facts({ family: 'polio', diseaseClass: 'B', management: 'B' }), 'default', 24],
    ['a respiratory syndrome signal', facts({ family: 'respiratory' }), 'default', 24],
  ])('%s: %s, %i h', (_name, alert, rule, hours) => {
    const deadline = deadlineFor(DEFAULT_VERIFICATION_RULES, alert, at);
    expect(deadline.rule).toBe(rule);
    expect(hoursAfter(deadline.dueAt)).toBe(hours);
  });

  test('reminders at half time and 30 minutes before the deadline', () => {
    const deadline = deadlineFor(DEFAULT_VERIFICATION_RULES, facts({ management: 'A' }), at);
    expect(deadline.reminders.map((r) => [r.id, hoursAfter(r.at)])).toEqual([
      ['half-time', 1],
      ['30-min-before', 1.5],
    ]);
  });

  test('a reminder that would fall before the assignment is dropped; the first matching row decides', () => {
    const rules = verificationRulesSchema.parse({
      rows: [
        { id: 'quick', when: { families: ['measles'] }, hours: 0.25 },
        { id: 'later', when: { families: ['measles'] }, hours: 5 },
      ],
      defaultHours: 12,
      reminders: [{ id: 'before', minutesBefore: 30 }],
    });
    const deadline = deadlineFor(rules, facts({ family: 'measles' }), at);
    expect(deadline.rule).toBe('quick');
    expect(deadline.reminders).toEqual([]);
    expect(deadlineFor(rules, facts({ family: 'mumps' }), at).rule).toBe('default');
  });

  test.each([
    [
      'a row that matches on nothing',
      { rows: [{ id: 'r', when: {}, hours: 2 }], defaultHours: 24, reminders: [] },
    ],
    ['a negative deadline', { rows: [], defaultHours: -1, reminders: [] }],
    ['a reminder at full time', { rows: [], defaultHours: 24, reminders: [{ id: 'r', atShare: 1 }] }],
  ])('refuses %s', (_name, table) => {
    expect(verificationRulesSchema.safeParse(table).success).toBe(false);
  });
});
