import { ALERT_LEVELS, DISEASE_CLASSES, levelTableSchema } from '@shaobing/engine';
import { z } from 'zod';
import { CHANNEL_IDS } from '../../channels/channel-id.js';
import { PLACE_LEVELS } from '../../city/city-model.js';

/**
 * The trigger rules (多点触发规则), syndrome families and colour levels, as one versioned document that the
 * city CDC can edit: validated here once, then trusted. `GET /api/v1/alerts/rules` serves the one in force
 * and its JSON Schema is in the OpenAPI document. src/alerts/README.md walks through each field.
 */

const text = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
const ruleId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'a lower-case id (letters, digits, _ . -)')
  .describe('stable id of the rule: alerts and firings name it');
const signalKey = z.string().min(1).max(100);
const familyKey = z.string().regex(/^[a-z0-9][a-z0-9_.:-]{0,63}$/);

/** A syndrome family: the signals of each channel that tell of the same kind of illness. */
const familyMember = z.object({ channel: z.enum(CHANNEL_IDS), signals: z.array(signalKey).min(1) }).strict();
export const familySchema = z
  .object({ name: text, members: z.array(familyMember) })
  .strict()
  .describe(
    'e.g. respiratory ← ILI visits, antipyretic sales, fever absence, respiratory hotline topics; a family ' +
      'without members only names the alerts of a rule (unknown-cause pneumonia)',
  );

/** Detection rule keys (`detection_rule.key`); `*` matches any run of characters. */
const rulePatterns = z
  .object({ include: z.array(z.string().min(1)).optional(), exclude: z.array(z.string().min(1)).optional() })
  .strict();

const common = {
  id: ruleId,
  name: text,
  enabled: z.boolean().default(true),
  public: z.boolean().default(false).describe('published on the CAP feed (GET /api/v1/public/cap)'),
};

/** Which records are a case: report cards by class, management or disease; visits by what was written. */
const reportCardMatch = z
  .object({
    channel: z.literal('report-card'),
    diseaseClass: z.array(z.enum(DISEASE_CLASSES)).min(1).optional(),
    management: z
      .array(z.enum(['A', 'B', 'C']))
      .min(1)
      .optional(),
    diseases: z.array(signalKey).min(1).optional(),
    classifications: z
      .array(z.enum(['suspected', 'clinical', 'confirmed', 'carrier']))
      .min(1)
      .optional(),
  })
  .strict();
const visitMatch = z
  .object({
    channel: z.literal('visit'),
    /** Phrases of the chief complaint (case-insensitive), e.g. 不明原因肺炎. */
    complaintContains: z.array(z.string().min(2)).min(1).optional(),
    /** ICD-10 codes by prefix, e.g. U07. */
    icd10Prefixes: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();
const labMatch = z
  .object({ channel: z.literal('lab'), pathogens: z.array(signalKey).min(1) })
  .strict()
  .describe('a positive result for one of these pathogens');

export const singleCaseRule = z
  .object({
    ...common,
    kind: z.literal('single-case'),
    match: z.discriminatedUnion('channel', [reportCardMatch, visitMatch, labMatch]),
    family: familyKey.optional().describe("the alert's family; report cards: the disease key when absent"),
    unknownCause: z.boolean().default(false),
  })
  .strict();

const seriesSource = z
  .object({
    channel: z.enum(CHANNEL_IDS),
    signals: z.array(signalKey).min(1),
    combine: z.enum(['sum', 'each']).describe('sum: one count over the signals; each: a cluster per signal'),
  })
  .strict();
const casesSource = z.object({ cases: ruleId.describe('the cases a single-case rule matched') }).strict();

export const clusterRule = z
  .object({
    ...common,
    kind: z.literal('cluster'),
    from: z.union([seriesSource, casesSource]),
    unit: z.enum(['facility', 'community']).describe('one school or facility; or one community (社区/村)'),
    minCases: z.number().int().min(2),
    days: z.number().int().min(1).max(60),
    /** How a window's cases are counted from daily counts: their sum, or the largest day's. */
    measure: z.enum(['sum', 'peak']).default('sum'),
    growingAt: z.number().int().min(2).optional().describe('cases from which the cluster counts as growing'),
    family: familyKey.optional().describe("the alert's family; for `each`, the signal when absent"),
    unknownCause: z.boolean().default(false),
  })
  .strict();

export const statisticalRule = z
  .object({
    ...common,
    kind: z.literal('statistical'),
    detectionRules: rulePatterns.optional(),
    methods: z.array(z.string().min(1)).min(1).optional(),
    channels: z.array(z.enum(CHANNEL_IDS)).min(1).optional(),
    placeLevels: z.array(z.enum(PLACE_LEVELS)).min(1).optional(),
    /** ESSENCE methods report a level (1 yellow, 2 red): signals below it are left out. */
    minMethodLevel: z.union([z.literal(1), z.literal(2)]).optional(),
    maxPValue: z.number().gt(0).max(1).optional(),
  })
  .strict();

export const concordanceRule = z
  .object({
    ...common,
    kind: z.literal('concordance'),
    families: z.array(familyKey).min(1),
    /** Which stored signals count as evidence: those alarming with a p-value at most maxPValue. */
    evidence: z
      .object({ detectionRules: rulePatterns.optional(), maxPValue: z.number().gt(0).max(1) })
      .strict(),
    placeLevels: z.array(z.enum(['district', 'street', 'community'])).min(1),
    windowDays: z.number().int().min(1).max(28),
    neighbours: z
      .boolean()
      .describe('districts sharing a border; below a district, places of the same parent'),
    minChannels: z.number().int().min(2),
    channelAlpha: z.number().gt(0).max(1).describe('τ: a channel agrees at or below this corrected p-value'),
    fusedAlpha: z.number().gt(0).max(1).describe('the combined p-value at or below which the rule fires'),
    falseAlertsPerPlaceYear: z
      .number()
      .positive()
      .describe('the false-alert rate these settings are tuned to, per place and year without an outbreak'),
  })
  .strict();

export const alertRule = z.discriminatedUnion('kind', [
  singleCaseRule,
  clusterRule,
  statisticalRule,
  concordanceRule,
]);

const capUrgency = z.enum(['Immediate', 'Expected', 'Future', 'Past', 'Unknown']);
const capSeverity = z.enum(['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown']);
const capCertainty = z.enum(['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown']);
const levelInfo = z
  .object({
    name: text,
    cap: z.object({ urgency: capUrgency, severity: capSeverity, certainty: capCertainty }).strict(),
  })
  .strict();

export const alertConfigSchema = z
  .object({
    version: z.string().min(1).max(40).describe('stored with every firing'),
    families: z.record(familyKey, familySchema),
    rules: z.array(alertRule).min(1),
    levelTable: levelTableSchema,
    levels: z.object(
      Object.fromEntries(ALERT_LEVELS.map((l) => [l, levelInfo])) as Record<
        (typeof ALERT_LEVELS)[number],
        typeof levelInfo
      >,
    ),
    cap: z
      .object({
        sender: z
          .string()
          .regex(/^[^\s,<&]+$/, 'no spaces, commas, < or &')
          .describe('CAP sender: who issues the public messages'),
        senderName: text,
        instruction: text.describe('what the public should do, in every public message'),
        web: z.string().url().optional(),
      })
      .strict()
      .describe('the public CAP 1.2 feed (GET /api/v1/public/cap)'),
    quietDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .describe('an open alert without new evidence for this many days (data time) is closed by the next'),
  })
  .strict()
  .superRefine((config, ctx) => {
    const ids = new Set<string>();
    config.rules.forEach((rule, i) => {
      if (ids.has(rule.id))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: 'duplicate id' });
      ids.add(rule.id);
    });
    config.rules.forEach((rule, i) => {
      if (rule.kind === 'cluster' && 'cases' in rule.from) {
        const target = config.rules.find((r) => r.id === (rule.from as { cases: string }).cases);
        if (target?.kind !== 'single-case') {
          ctx.addIssue({
            code: 'custom',
            path: ['rules', i, 'from', 'cases'],
            message: 'not a single-case rule',
          });
        }
      }
      if (rule.kind === 'single-case' && rule.match.channel !== 'report-card' && rule.family === undefined) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'family'], message: 'required for this channel' });
      }
      if (rule.kind === 'cluster' && 'channel' in rule.from && rule.from.combine === 'sum' && !rule.family) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'family'], message: 'required to sum signals' });
      }
      if (rule.kind === 'concordance') {
        rule.families.forEach((f, j) => {
          if (!(f in config.families)) {
            ctx.addIssue({ code: 'custom', path: ['rules', i, 'families', j], message: `no family ${f}` });
          }
        });
      }
    });
  });

export type AlertConfig = z.output<typeof alertConfigSchema>;
export type AlertConfigInput = z.input<typeof alertConfigSchema>;
export type AlertRule = z.output<typeof alertRule>;
export type SingleCaseRule = z.output<typeof singleCaseRule>;
export type ClusterRule = z.output<typeof clusterRule>;
export type StatisticalRule = z.output<typeof statisticalRule>;
export type ConcordanceRule = z.output<typeof concordanceRule>;
export type Family = z.output<typeof familySchema>;
export type RulePatterns = z.output<typeof rulePatterns>;
