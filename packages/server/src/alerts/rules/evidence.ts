import { z } from 'zod';

/**
 * What an alert shows as its evidence, one item per thing that fired it: a record (a single case), a
 * cluster (its counts by day and its members' record keys), a detection signal, or a concordance (each
 * channel's evidence and the combined p-value). Record keys identify reports, never persons: no names,
 * identity numbers, phones or ages appear here.
 */

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const recordEvidence = z.object({
  type: z.literal('record'),
  channel: z.string(),
  recordKey: z.string(),
  facilityId: z.string().nullable(),
  placeCode: z.string(),
  eventDate: date,
  disease: z.string().nullable().describe('report cards: the disease key'),
  diseaseClass: z.string().nullable(),
  classification: z.string().nullable().describe('suspected, clinical, confirmed or carrier'),
});

export const MAX_MEMBERS = 500;

export const clusterEvidence = z.object({
  type: z.literal('cluster'),
  channel: z.string(),
  signals: z.array(z.string()),
  unit: z.enum(['facility', 'community']),
  unitId: z.string().describe('the facility id or the community code'),
  placeCode: z.string(),
  from: date,
  to: date,
  days: z.number().int(),
  cases: z.number(),
  minCases: z.number().int(),
  measure: z.enum(['sum', 'peak']),
  daily: z.array(z.object({ date, count: z.number() })),
  members: z.array(z.string()).describe(`record keys of the cases, at most ${MAX_MEMBERS}`),
});

export const signalEvidence = z.object({
  type: z.literal('signal'),
  signalId: z.number().int(),
  channel: z.string(),
  signal: z.string(),
  placeCode: z.string(),
  period: z.enum(['day', 'week']),
  periodStart: date,
  method: z.string(),
  ruleKey: z.string(),
  observed: z.number(),
  expected: z.number().nullable(),
  upperbound: z.number().nullable(),
  score: z.number().nullable(),
  pvalue: z.number().nullable(),
  level: z.number().int().nullable(),
});

export const concordanceChannel = z.object({
  channel: z.string(),
  pMin: z.number().nullable().describe('smallest p-value of its related signals in the zone and window'),
  series: z.number().int().describe('series it was chosen from: signals × places'),
  centrePMin: z
    .number()
    .nullable()
    .optional()
    .describe("the same at the zone's centre alone (its second look); absent before that look existed"),
  centreSeries: z.number().int().optional().describe('series of the centre alone: signals × days'),
  p: z.number().nullable().describe('Šidák-corrected: the better of the two looks × 2, or the zone alone'),
  agrees: z.boolean(),
  signalIds: z.array(z.number().int()),
});

export const concordanceEvidence = z.object({
  type: z.literal('concordance'),
  family: z.string(),
  centre: z.string(),
  zone: z.array(z.string()).describe('the centre and its neighbours'),
  from: date,
  to: date,
  minChannels: z.number().int(),
  channelAlpha: z.number(),
  fusedAlpha: z.number(),
  method: z.literal('truncated-product'),
  statistic: z.number(),
  fusedP: z.number(),
  channels: z.array(concordanceChannel),
});

export const evidenceItem = z.discriminatedUnion('type', [
  recordEvidence,
  clusterEvidence,
  signalEvidence,
  concordanceEvidence,
]);

export type RecordEvidence = z.output<typeof recordEvidence>;
export type ClusterEvidence = z.output<typeof clusterEvidence>;
export type SignalEvidence = z.output<typeof signalEvidence>;
export type ConcordanceEvidence = z.output<typeof concordanceEvidence>;
export type EvidenceItem = z.output<typeof evidenceItem>;
