import { z } from 'zod';
import { CHANNEL_IDS } from '../channels/channel-id.js';
import { PLACE_LEVELS } from '../city/city-model.js';

/**
 * A detection rule as the city CDC edits it: which series (channel, signals, place levels, day or ISO week)
 * one method evaluates, with its control object under R's names. The run sets `range` itself (the latest
 * `lookback` periods that changed), so a rule never carries one.
 */

export const PERIODS = ['day', 'week'] as const;
export type Period = (typeof PERIODS)[number];

/** Periods re-evaluated by default: late reports and corrections land within two weeks (days) or a month. */
export const DEFAULT_LOOKBACK: Readonly<Record<Period, number>> = { day: 14, week: 4 };

export const ruleInput = z.object({
  key: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/, 'a lower-case key (letters, digits, _ . -), at most 100 characters')
    .describe('stable name of the rule across revisions'),
  channel: z.enum(CHANNEL_IDS),
  signals: z
    .array(z.string().min(1).max(100))
    .min(1)
    .nullable()
    .default(null)
    .describe("the channel's signals to evaluate; null for every signal"),
  placeLevels: z.array(z.enum(PLACE_LEVELS)).min(1),
  period: z.enum(PERIODS),
  method: z
    .string()
    .min(1)
    .describe("the engine's R name: earsC, farringtonFlexible, cidars.mpm, essence.ewma, …"),
  control: z
    .record(z.string(), z.unknown())
    .default({})
    .describe("the method's control, R's names, without range"),
  lookback: z
    .number()
    .int()
    .min(1)
    .max(366)
    .optional()
    .describe('latest periods re-evaluated (day 14, week 4)'),
  history: z
    .number()
    .int()
    .min(0)
    .max(20 * 366)
    .nullable()
    .default(null)
    .describe('periods read before them as baseline; null for what the method needs'),
  description: z.string().max(1000).default(''),
});

export type RuleInput = z.input<typeof ruleInput>;
export type RuleSpec = z.output<typeof ruleInput>;

/** A stored rule revision. */
export interface Rule extends Omit<RuleSpec, 'lookback'> {
  readonly id: number;
  readonly revision: number;
  readonly lookback: number;
  readonly createdAt: string;
}

/** Whether two specs describe the same rule (an unchanged rule keeps its revision and its signals). */
export function sameRule(a: RuleSpec, b: RuleSpec): boolean {
  return canonical(a) === canonical(b);
}

function canonical(spec: RuleSpec): string {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>)
              .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
              .map(([k, v]) => [k, sorted(v)]),
          )
        : value;
  return JSON.stringify(
    sorted({
      ...spec,
      lookback: spec.lookback ?? DEFAULT_LOOKBACK[spec.period],
      description: spec.description,
    }),
  );
}
