import { z } from 'zod';

/**
 * The colour level of an alert (预警级别: 蓝 blue < 黄 yellow < 橙 orange < 红 red) from a table of rows, each a
 * level and the conditions under which it applies. The table is data (validated by `levelTableSchema`) so
 * that the city CDC can change what deserves which colour without a code change; the level of an alert is
 * the highest level among the rows whose conditions all hold, or the table's default when none does.
 */

export const ALERT_LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export const RULE_KINDS = ['single-case', 'cluster', 'statistical', 'concordance'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const DISEASE_CLASSES = ['A', 'B', 'C', 'monitored'] as const;
export type DiseaseClassFact = (typeof DISEASE_CLASSES)[number];

export const levelRank = (level: AlertLevel): number => ALERT_LEVELS.indexOf(level);
export const higherLevel = (a: AlertLevel, b: AlertLevel): AlertLevel =>
  levelRank(b) > levelRank(a) ? b : a;

/** What is known about a firing when its level is decided. */
export interface LevelFacts {
  readonly kind: RuleKind;
  /** Disease key or syndrome family. */
  readonly family: string;
  /** The disease's legal class and the class of measures it is managed under (乙类甲管: B, A). */
  readonly diseaseClass?: DiseaseClassFact | undefined;
  readonly management?: 'A' | 'B' | 'C' | undefined;
  /** A case or cluster of unknown cause (不明原因肺炎, …). */
  readonly unknownCause: boolean;
  /** Distinct channels in the evidence. */
  readonly channels: number;
  /** Cases behind the firing (single case: 1; cluster: its size; signals: 0). */
  readonly cases: number;
  /** A cluster that has grown past its rule's growth threshold. */
  readonly growing: boolean;
}

export const levelCondition = z
  .object({
    kind: z.array(z.enum(RULE_KINDS)).min(1).optional(),
    families: z.array(z.string().min(1)).min(1).optional(),
    diseaseClass: z.array(z.enum(DISEASE_CLASSES)).min(1).optional(),
    management: z
      .array(z.enum(['A', 'B', 'C']))
      .min(1)
      .optional(),
    unknownCause: z.boolean().optional(),
    minChannels: z.number().int().min(1).optional(),
    minCases: z.number().int().min(1).optional(),
    growing: z.boolean().optional(),
  })
  .strict()
  .describe('every condition given must hold; an empty condition always holds');

export const levelRow = z
  .object({
    level: z.enum(ALERT_LEVELS),
    when: levelCondition,
    /** Why this row gives this level, shown with the alert. */
    label: z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict(),
  })
  .strict();

export const levelTableSchema = z
  .object({
    default: z.enum(ALERT_LEVELS).describe('the level when no row matches'),
    rows: z.array(levelRow).min(1),
  })
  .strict();

export type LevelCondition = z.output<typeof levelCondition>;
export type LevelRow = z.output<typeof levelRow>;
export type LevelTable = z.output<typeof levelTableSchema>;

export function conditionHolds(when: LevelCondition, facts: LevelFacts): boolean {
  const has = <T>(list: readonly T[] | undefined, value: T | undefined) =>
    list === undefined || (value !== undefined && list.includes(value));
  return (
    has(when.kind, facts.kind) &&
    has(when.families, facts.family) &&
    has(when.diseaseClass, facts.diseaseClass) &&
    has(when.management, facts.management) &&
    (when.unknownCause === undefined || when.unknownCause === facts.unknownCause) &&
    (when.minChannels === undefined || facts.channels >= when.minChannels) &&
    (when.minCases === undefined || facts.cases >= when.minCases) &&
    (when.growing === undefined || when.growing === facts.growing)
  );
}

export interface LevelDecision {
  readonly level: AlertLevel;
  /** The deciding row's index in the table, or undefined for the default. */
  readonly row: number | undefined;
}

/** The highest level among the matching rows (the first such row on a tie), else the default. */
export function evaluateLevel(table: LevelTable, facts: LevelFacts): LevelDecision {
  let best: LevelDecision = { level: table.default, row: undefined };
  table.rows.forEach((row, index) => {
    if (!conditionHolds(row.when, facts)) return;
    if (best.row === undefined || levelRank(row.level) > levelRank(best.level)) {
      best = { level: row.level, row: index };
    }
  });
  return best;
}
