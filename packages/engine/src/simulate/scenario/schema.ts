import { z } from 'zod';
import {
  HOTLINE_MODELS,
  LAB_PANELS,
  OPINION_MODELS,
  PHARMACY_MODELS,
  SCHOOL_MODELS,
  WASTEWATER_MODELS,
} from '../models/channel-models.js';
import { VISIT_CLASS_IDS } from '../models/visit-classes.js';
import { PATHOGEN_IDS } from '../outbreak/pathogens.js';
import { SIM_CHANNELS } from '../series.js';

/**
 * A scenario file (data/scenarios/*.json): the city, the simulated period, the seed, adjustments of the
 * baseline, and the outbreaks injected on top. Everything optional has a default from the parameter
 * tables (models/) and the pathogen presets (outbreak/pathogens.ts); see data/scenarios/README.md.
 */

const keys = <T extends object>(o: T) =>
  Object.keys(o) as [Extract<keyof T, string>, ...Extract<keyof T, string>[]];

const isoDate = z.iso.date({ error: 'must be a date YYYY-MM-DD' });
const fraction = z.number().min(0).max(1);
const lagDays = z.number().min(-14).max(30);
const labPathogens = Object.values(LAB_PANELS).flatMap((p) => Object.keys(p.pathogens)) as [
  string,
  ...string[],
];

const footprint = z
  .strictObject({
    visit: z
      .strictObject({ fraction, lagDays, class: z.enum(VISIT_CLASS_IDS as [string, ...string[]]) })
      .partial(),
    'report-card': z
      .strictObject({
        fraction,
        disease: z.string().regex(/^[a-z0-9_]+$/, 'must be a disease key such as influenza'),
        classification: z.enum(['suspected', 'clinical', 'confirmed']),
        /** Mean days from onset to diagnosis (gamma, shape 2). */
        diagnosisDelayDays: z.number().min(0).max(60),
      })
      .partial(),
    pharmacy: z
      .strictObject({
        fraction,
        lagDays,
        /** Units of each drug class a case buys. */
        units: z.partialRecord(z.enum(keys(PHARMACY_MODELS)), z.number().int().min(1).max(50)),
      })
      .partial(),
    school: z
      .strictObject({
        fraction,
        lagDays,
        column: z.enum(keys(SCHOOL_MODELS)),
        absenceDays: z.number().int().min(1).max(21),
      })
      .partial(),
    lab: z.strictObject({ fraction, lagDays, pathogen: z.enum(labPathogens) }).partial(),
    hotline: z.strictObject({ fraction, lagDays, category: z.enum(keys(HOTLINE_MODELS)) }).partial(),
    opinion: z.strictObject({ fraction, lagDays, category: z.enum(keys(OPINION_MODELS)) }).partial(),
    wastewater: z
      .strictObject({
        target: z.enum(keys(WASTEWATER_MODELS)),
        lagDays,
        sheddingDays: z.number().int().min(1).max(60),
        copiesPerCase: z.number().min(0).max(1e9),
      })
      .partial(),
  })
  .partial();

const shape = z.discriminatedUnion('type', [
  /** Cases exposed at once on `start`: onsets after a lognormal incubation (the pathogen's by default). */
  z.strictObject({
    type: z.literal('point-source'),
    incubationMedianDays: z.number().positive().max(60).optional(),
    incubationSdLog: z.number().positive().max(2).optional(),
  }),
  /** Person to person: generation g (0, 1, …) of size ∝ growth^g, onsets g serial intervals after `start`. */
  z.strictObject({
    type: z.literal('propagated'),
    generations: z.number().int().min(1).max(30),
    growth: z.number().positive().max(10),
    serialIntervalDays: z.number().positive().max(30).optional(),
  }),
  /** An epidemic curve: onsets lognormal around `start` + median. */
  z.strictObject({
    type: z.literal('lognormal'),
    medianDays: z.number().positive().max(365),
    sdLog: z.number().positive().max(3),
  }),
]);

export const outbreakSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a short lower-case id (letters, digits, - and _)'),
  description: z.string().max(2000).optional(),
  pathogen: z.enum(PATHOGEN_IDS),
  /** Where the cases live: a place code at any level (city, district, street, community) or a facility id. */
  place: z.string().trim().min(1),
  start: isoDate,
  /** Total cases. */
  size: z.number().int().min(1).max(1_000_000),
  shape,
  footprint: footprint.optional(),
});

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().min(1).max(200),
    description: z.string().max(5000).optional(),
    /** The city folder's id (data/cities/<city>). */
    city: z.string().regex(/^[a-z0-9_-]+$/, 'must be a city id such as wuhan'),
    period: z.strictObject({ start: isoDate, end: isoDate }),
    seed: z.number().int().min(0).max(4_294_967_295),
    baseline: z
      .strictObject({
        scale: z.partialRecord(z.enum(SIM_CHANNELS), z.number().positive().max(1000)),
        dispersion: z.partialRecord(
          z.enum(SIM_CHANNELS),
          z.union([z.number().positive(), z.literal('poisson')]),
        ),
        silence: z
          .strictObject({
            startPerDay: z.number().min(0).max(0.5),
            meanExtraDays: z.number().min(0).max(30),
            maxDays: z.number().int().min(1).max(90),
          })
          .partial(),
        seasonVariation: z.boolean(),
        trend: z.boolean(),
      })
      .partial()
      .optional(),
    layout: z
      .strictObject({
        seed: z.number().int().min(0).max(4_294_967_295),
        sentinelHospitals: z.strictObject({
          central: z.number().int().min(0).max(20),
          new_urban: z.number().int().min(0).max(20),
        }),
        pharmaciesPerDistrict: z.number().int().min(0).max(100),
        schoolsPerDistrict: z.strictObject({
          kindergarten: z.number().int().min(0).max(50),
          primary: z.number().int().min(0).max(50),
          middle: z.number().int().min(0).max(50),
        }),
        labs: z.number().int().min(0).max(50),
        wastewaterSites: z.number().int().min(0).max(50),
      })
      .partial()
      .optional(),
    outbreaks: z.array(outbreakSchema).max(200).default([]),
  })
  .superRefine((s, ctx) => {
    if (s.period.end < s.period.start) {
      ctx.addIssue({ code: 'custom', path: ['period', 'end'], message: 'must not be before period.start' });
    }
    const days = (Date.parse(s.period.end) - Date.parse(s.period.start)) / 86_400_000 + 1;
    if (days > 20 * 366)
      ctx.addIssue({
        code: 'custom',
        path: ['period', 'end'],
        message: 'the period may span at most 20 years',
      });
    const seen = new Set<string>();
    s.outbreaks.forEach((o, i) => {
      if (seen.has(o.id))
        ctx.addIssue({ code: 'custom', path: ['outbreaks', i, 'id'], message: `"${o.id}" is used twice` });
      seen.add(o.id);
      if (o.start < s.period.start || o.start > s.period.end) {
        ctx.addIssue({
          code: 'custom',
          path: ['outbreaks', i, 'start'],
          message: `must lie in the period ${s.period.start} … ${s.period.end}`,
        });
      }
    });
  });

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type OutbreakSpec = z.output<typeof outbreakSchema>;
export type OutbreakShape = OutbreakSpec['shape'];
export type Footprint = NonNullable<OutbreakSpec['footprint']>;
