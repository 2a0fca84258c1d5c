import { z } from 'zod';

/**
 * The drill report (应急演练报告): what `shaobing drill --report` writes and `GET /api/v1/drills/{id}/report`
 * returns. Days are simulated days ('YYYY-MM-DD'): the drill plays the scenario in accelerated time, and a
 * signal or alert "happens" on the simulated day whose data raised it. Delays are in days.
 *
 * A detector is what can find an outbreak, named `kind:name`:
 * - `signal:<channel>` / `signal:<method>`: a detection signal (alarm) of that channel or method;
 * - `alert:<channel>`: an alert firing whose evidence is that one channel (statistical, cluster, single case);
 * - `alert:fused`: a concordance firing (多点触发: two or more channels agree);
 * - `alert:any`: any alert firing.
 * A signal or firing belongs to an outbreak when its place lies in a district with cases of the outbreak (or is
 * the whole city) and its data day lies between the outbreak's start minus `attribution.beforeDays` and its last
 * onset plus `attribution.afterDays`; everything else is false.
 */

const day = z.iso.date();
const detection = z.object({
  detector: z.string().describe('signal:<channel>, signal:<method>, alert:<channel>, alert:fused, alert:any'),
  day: day.describe('the simulated day of the first signal or firing belonging to the outbreak'),
  fromStartDays: z.number().describe('days from the outbreak start'),
  fromFirstRecordDays: z
    .number()
    .nullable()
    .describe('days from the day its first case record reached the platform; null: none did'),
  level: z.enum(['blue', 'yellow', 'orange', 'red']).nullable().describe('alerts: the level of that firing'),
});

export const outbreakResultSchema = z.object({
  run: z.number().int(),
  id: z.string(),
  pathogen: z.string(),
  place: z.string(),
  start: day,
  lastOnset: day,
  size: z.number().int(),
  districts: z.array(z.string()).describe('district codes where its cases live'),
  firstRecordDay: day.nullable().describe('the day its first case record reached the platform'),
  detections: z.array(detection).describe('per detector, the first signal or firing; missing: never'),
  levelReached: z.enum(['blue', 'yellow', 'orange', 'red']).nullable(),
});

const falseRate = z.object({
  district: z.string().describe('district code, or the city code for city-level signals and alerts'),
  signalsPerMonth: z.number(),
  alertsPerMonth: z.number().describe('alert firings that opened or raised an alert'),
  alertsAtYellowPerMonth: z.number().describe('of them, at yellow or above'),
  fusedPerMonth: z.number().describe('of them, concordance (multi-point) firings'),
});

export const detectorSummarySchema = z.object({
  detector: z.string(),
  outbreaks: z.number().int().describe('outbreaks over all runs'),
  detected: z.number().int(),
  sensitivity: z.number().nullable().describe('detected / outbreaks; null without outbreaks'),
  specificity: z
    .number()
    .nullable()
    .describe('per district-week: weeks without an outbreak in the district and without a false detection'),
  falsePerDistrictMonth: z.number().describe('false signals or firings per district and month'),
  delayMedian: z.number().nullable().describe('days from outbreak start to first detection, median'),
  delayP90: z.number().nullable(),
  delayFromRecordMedian: z.number().nullable().describe('days from the first case record, median'),
});

export const drillRunSchema = z.object({
  run: z.number().int(),
  seed: z.number().int(),
  liveFrom: day.describe('first day played as records through the ingest (history before it: daily counts)'),
  liveTo: day,
  records: z.number().int().describe('records ingested'),
  rejected: z.number().int(),
  detectionRuns: z.number().int(),
  signals: z.number().int(),
  firings: z.number().int(),
  seconds: z.number(),
  falseByDistrict: z.array(falseRate),
});

export const drillReportSchema = z.object({
  version: z.literal(1),
  scenario: z.object({
    name: z.string(),
    seed: z.number().int(),
    period: z.object({ start: day, end: day }),
  }),
  runs: z.number().int().min(1),
  startedAt: z.string(),
  seconds: z.number(),
  attribution: z.object({ beforeDays: z.number().int(), afterDays: z.number().int() }),
  ceiling: z
    .object({
      detector: z.literal('alert:fused'),
      falseAlertsPerDistrictMonth: z.number().describe('allowed'),
      measured: z
        .number()
        .describe('false fused firings per district and month, over every district and run'),
      worstDistrict: z
        .number()
        .describe('the highest rate of one district in one run (noisy over short drills)'),
      within: z.boolean().describe('measured <= allowed'),
    })
    .describe(
      'false multi-point (fused) alerts per district and month allowed; the single-channel rates are in falseByDistrict and summary',
    ),
  outbreaks: z.array(outbreakResultSchema),
  summary: z.array(detectorSummarySchema),
  perRun: z.array(drillRunSchema),
});

export type DrillReport = z.infer<typeof drillReportSchema>;
export type OutbreakResult = z.infer<typeof outbreakResultSchema>;
export type DetectorSummary = z.infer<typeof detectorSummarySchema>;
export type DrillRunResult = z.infer<typeof drillRunSchema>;
export type Detection = z.infer<typeof detection>;
export type AlertLevel = NonNullable<Detection['level']>;
