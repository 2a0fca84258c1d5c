import { describe, expect, test } from 'vitest';
import { evaluateLevel, levelTableSchema, type LevelFacts, type LevelTable } from './level-table.js';

const table: LevelTable = levelTableSchema.parse({
  default: 'blue',
  rows: [
    {
      level: 'blue',
      when: { kind: ['statistical'] },
      label: { zh: '单一统计信号', en: 'one statistical signal' },
    },
    {
      level: 'yellow',
      when: { kind: ['concordance'], minChannels: 2 },
      label: { zh: '两个渠道', en: 'two channels' },
    },
    {
      level: 'orange',
      when: { kind: ['concordance'], minChannels: 3 },
      label: { zh: '三个渠道', en: 'three channels' },
    },
    { level: 'yellow', when: { kind: ['cluster'] }, label: { zh: '聚集', en: 'a cluster' } },
    { level: 'orange', when: { kind: ['cluster'], growing: true }, label: { zh: '扩大', en: 'growing' } },
    { level: 'orange', when: { management: ['A'] }, label: { zh: '甲类管理', en: 'managed as A' } },
    { level: 'red', when: { diseaseClass: ['A'] }, label: { zh: '甲类', en: 'class A' } },
    {
      level: 'red',
      when: { kind: ['cluster'], unknownCause: true },
      label: { zh: '不明原因聚集', en: 'unknown cause' },
    },
  ],
});

const facts = (f: Partial<LevelFacts>): LevelFacts => ({
  kind: 'statistical',
  family: 'respiratory',
  unknownCause: false,
  channels: 1,
  cases: 0,
  growing: false,
  ...f,
});

describe('evaluateLevel', () => {
  test.each([
    ['a statistical signal', facts({}), 'blue', 0],
    ['two channels agree', facts({ kind: 'concordance', channels: 2 }), 'yellow', 1],
    ['three channels agree', facts({ kind: 'concordance', channels: 3 }), 'orange', 2],
    ['a cluster', facts({ kind: 'cluster', cases: 10 }), 'yellow', 3],
    ['a growing cluster', facts({ kind: 'cluster', cases: 20, growing: true }), 'orange', 4],
    [
      'a case of a class-B disease managed as A',
      facts({ kind: 'single-case', diseaseClass: 'B', management: 'A' }),
      'orange',
      5,
    ],
    [
      'a case of a class-A disease',
      facts({ kind: 'single-case', diseaseClass: 'A', management: 'A' }),
      'red',
      6,
    ],
    ['an unknown-cause cluster', facts({ kind: 'cluster', unknownCause: true, cases: 2 }), 'red', 7],
  ] as const)('%s: %s', (_name, input, level, row) => {
    expect(evaluateLevel(table, input)).toEqual({ level, row });
  });

  test('nothing matches: the default level', () => {
    expect(evaluateLevel(table, facts({ kind: 'single-case', diseaseClass: 'C' }))).toEqual({
      level: 'blue',
      row: undefined,
    });
  });

  test('the schema refuses unknown conditions and levels', () => {
    expect(
      levelTableSchema.safeParse({
        default: 'blue',
        rows: [{ level: 'purple', when: {}, label: { zh: 'x', en: 'x' } }],
      }).success,
    ).toBe(false);
    expect(
      levelTableSchema.safeParse({
        default: 'blue',
        rows: [{ level: 'red', when: { colour: 1 }, label: { zh: 'x', en: 'x' } }],
      }).success,
    ).toBe(false);
  });
});
