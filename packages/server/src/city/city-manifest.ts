import { z } from 'zod';

/**
 * `data/cities/<id>/city.json`: what the city is and which file holds what, so that another city is
 * another folder of the same files, plus the city's rule for sharing out the population of census units
 * that are not administrative districts (see population-rule.ts).
 */

const districtCode = z.string().regex(/^\d{6}$/, 'must be a 6-digit district code');

const populationStep = z
  .object({
    /** Census units (by `unit_cn`) whose people are moved. */
    move: z.array(z.string().min(1)).min(1),
    /** Sub-items of the moved units already counted elsewhere (e.g. a whole district inside a zone). */
    less: z.array(z.string().min(1)).default([]),
    /** The district whose census figure already includes the moved people, if any. */
    from: districtCode.optional(),
    /** Receiving districts with their weights; shared by largest remainder. */
    to: z.record(districtCode, z.number().positive()).refine((to) => Object.keys(to).length > 0, 'empty'),
    why: z.string().min(1),
  })
  .strict();
export type PopulationStep = z.output<typeof populationStep>;

export const cityManifest = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    code: z.string().regex(/^\d{4}$/, 'must be the 4-digit GB/T 2260 prefecture code'),
    name: z.string().min(1),
    nameEn: z.string().min(1),
    timeZone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'not an IANA time zone'),
    /** Prefix of facility ids (`WH-F001`); checked against every id in the facility files. */
    facilityIdPrefix: z.string().regex(/^[A-Z]{2,4}$/),
    files: z.object({
      divisions: z.string(),
      districts: z.string(),
      censusUnits: z.string(),
      boundaries: z.string(),
      facilities: z.string(),
      emsStations: z.string().optional(),
      /** Kept for traceability or later work; not read by the loader. */
      boundariesGcj02: z.string().optional(),
      populationGrid: z.string().optional(),
    }),
    population: z.object({
      census: z.string(),
      /** The `unit_cn` of the census table's city total. */
      total: z.string(),
      rule: z.array(populationStep),
    }),
  })
  .strict();
export type CityManifest = z.output<typeof cityManifest>;
