import { describe, expect, test } from 'vitest';
import { LEVEL_CRITERIA, proposeLevel, type CaseFacts } from './level-criteria.js';

const facts =
  (f: Partial<CaseFacts>) =>
  (windowDays: number): CaseFacts => ({ windowDays, districtMax: 0, cityTotal: 0, districts: 0, ...f });

describe('response level proposed from the national plan (国家突发公共卫生事件应急预案 §1.3)', () => {
  test.each([
    [
      'cholera: 30 cases in a week in the city',
      'cholera',
      { cityTotal: 30, districtMax: 9, districts: 4 },
      'II',
    ],
    [
      'cholera: 29 cases spread over districts',
      'cholera',
      { cityTotal: 29, districtMax: 9, districts: 4 },
      'III',
    ],
    ['cholera: 10 cases in one district', 'cholera', { cityTotal: 10, districtMax: 10, districts: 1 }, 'III'],
    ['cholera: 3 cases in one district', 'cholera', { cityTotal: 3, districtMax: 3, districts: 1 }, 'IV'],
    ['cholera: no case in the window', 'cholera', {}, null],
    ['plague: one case', 'plague', { cityTotal: 1, districtMax: 1, districts: 1 }, 'III'],
    ['plague: 5 cases in one district', 'plague', { cityTotal: 5, districtMax: 5, districts: 1 }, 'II'],
    ['plague: 5 cases, 2 districts', 'plague', { cityTotal: 6, districtMax: 5, districts: 2 }, 'I'],
    ['SARS: a (suspected) case', 'sars', { cityTotal: 1, districtMax: 1, districts: 1 }, 'II'],
    ['SARS: cases in 2 districts', 'sars', { cityTotal: 2, districtMax: 1, districts: 2 }, 'I'],
    [
      'unknown cause: a cluster in one district',
      'unknown-pneumonia',
      { cityTotal: 2, districtMax: 2, districts: 1 },
      'III',
    ],
    [
      'unknown cause: beyond one district',
      'unknown-pneumonia',
      { cityTotal: 3, districtMax: 2, districts: 2 },
      'II',
    ],
    [
      'a syndrome family: no criterion',
      'respiratory',
      { cityTotal: 99, districtMax: 99, districts: 9 },
      null,
    ],
  ])('%s → %s', (_name, type, f, level) => {
    expect(proposeLevel({ type, diseaseClass: type === 'sars' ? 'B' : 'A' }, facts(f)).level).toBe(level);
  });

  test('class B/C rows need the 5-year baseline: without it they are reported as not evaluable', () => {
    const proposal = proposeLevel(
      { type: 'measles', diseaseClass: 'B' },
      facts({ cityTotal: 50, districtMax: 40 }),
    );
    expect(proposal.level).toBeNull();
    expect(proposal.notEvaluable).toEqual(['class-bc-3x-in-2-districts', 'class-bc-2x-in-district']);
  });

  test.each([
    [{ '2': 1, '3': 0 }, 'III'],
    [{ '2': 3, '3': 2 }, 'II'],
    [{ '2': 0, '3': 0 }, null],
  ])('class B/C against the baseline: %o → %s', (districtsAtRatio, level) => {
    const proposal = proposeLevel({ type: 'measles', diseaseClass: 'B' }, facts({ districtsAtRatio }));
    expect(proposal.level).toBe(level);
    expect(proposal.notEvaluable).toEqual([]);
  });

  test('every criterion met is listed, highest level first; each window is counted once', () => {
    const asked: number[] = [];
    const proposal = proposeLevel({ type: 'cholera', diseaseClass: 'A' }, (days) => {
      asked.push(days);
      return facts({ cityTotal: 30, districtMax: 12, districts: 2 })(days);
    });
    expect(proposal.met.map((m) => m.id)).toEqual([
      'cholera-30-in-city',
      'cholera-10-in-district',
      'cholera-2-districts',
      'cholera-case',
    ]);
    expect(asked).toEqual([7]);
  });

  test('criteria ids are unique', () => {
    expect(new Set(LEVEL_CRITERIA.map((c) => c.id)).size).toBe(LEVEL_CRITERIA.length);
  });
});
