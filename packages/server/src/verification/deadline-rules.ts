import { z } from 'zod';

/**
 * How long the duty desk has to verify an alert, and when it is reminded. The table is data (configurable:
 * `SHAOBING_VERIFY_RULES` may hold the same shape as JSON); the first row whose `when` matches the alert
 * decides, else `defaultHours`.
 *
 * Defaults: 2 hours for class-A diseases, diseases managed with class-A measures (乙类甲管) and alerts of
 * unknown cause; 24 hours otherwise. Source: 传染病信息报告管理规范 (2015) — class-A and A-managed cases are
 * reported within 2 hours, as are pneumonia of unknown cause and other outbreaks; other cards within 24 — and
 * CIDARS' loop of verifying a signal within hours (Yang W. et al., Western Pac Surveill Response J 2011;2(1)).
 */

export const verificationRulesSchema = z.object({
  rows: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        when: z
          .object({
            management: z.array(z.enum(['A', 'B', 'C'])).optional(),
            diseaseClass: z.array(z.enum(['A', 'B', 'C', 'monitored'])).optional(),
            unknownCause: z.literal(true).optional(),
            families: z.array(z.string()).optional(),
          })
          .refine((w) => Object.keys(w).length > 0, 'a row matches on at least one fact'),
        hours: z
          .number()
          .positive()
          .max(24 * 30),
      }),
    )
    .max(100),
  defaultHours: z
    .number()
    .positive()
    .max(24 * 30),
  /** Reminders: at a share of the time allowed, and minutes before the deadline. */
  reminders: z
    .array(
      z.union([
        z.object({ id: z.string(), atShare: z.number().gt(0).lt(1) }),
        z.object({ id: z.string(), minutesBefore: z.number().positive() }),
      ]),
    )
    .max(10),
});
export type VerificationRules = z.output<typeof verificationRulesSchema>;

export const DEFAULT_VERIFICATION_RULES: VerificationRules = {
  rows: [
    { id: 'managed-as-class-a', when: { management: ['A'] }, hours: 2 },
    { id: 'unknown-cause', when: { unknownCause: true }, hours: 2 },
  ],
  defaultHours: 24,
  reminders: [
    { id: 'half-time', atShare: 0.5 },
    { id: '30-min-before', minutesBefore: 30 },
  ],
};

/** What the table can ask about an alert. */
export interface AlertFacts {
  readonly family: string;
  /** The disease's legal class and the measures it is managed under, when the family is a disease. */
  readonly diseaseClass?: 'A' | 'B' | 'C' | 'monitored' | undefined;
  readonly management?: 'A' | 'B' | 'C' | undefined;
  /** Whether a rule that fired it is about an illness of unknown cause. */
  readonly unknownCause: boolean;
}

export interface Deadline {
  readonly rule: string;
  readonly dueAt: Date;
  readonly reminders: readonly { readonly id: string; readonly at: Date }[];
}

const HOUR = 3_600_000;

export function deadlineFor(rules: VerificationRules, facts: AlertFacts, assignedAt: Date): Deadline {
  const row = rules.rows.find(({ when }) => {
    if (when.management && !(facts.management && when.management.includes(facts.management))) return false;
    if (when.diseaseClass && !(facts.diseaseClass && when.diseaseClass.includes(facts.diseaseClass)))
      return false;
    if (when.unknownCause && !facts.unknownCause) return false;
    if (when.families && !when.families.includes(facts.family)) return false;
    return true;
  });
  const allowed = (row?.hours ?? rules.defaultHours) * HOUR;
  const start = assignedAt.getTime();
  const reminders = rules.reminders
    .map((r) => ({
      id: r.id,
      at: new Date('atShare' in r ? start + allowed * r.atShare : start + allowed - r.minutesBefore * 60_000),
    }))
    // A reminder that would come before the assignment (30 minutes before a 20-minute deadline) is dropped.
    .filter((r) => r.at.getTime() > start);
  return { rule: row?.id ?? 'default', dueAt: new Date(start + allowed), reminders };
}
