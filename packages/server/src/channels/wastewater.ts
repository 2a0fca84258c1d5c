import { z } from 'zod';
import { defineChannel } from './channel.js';
import { facilityDayContribution } from './facility-day.js';
import { code, date, slug } from './fields.js';

/**
 * Wastewater measurements (污水监测): one row per site, sampling day and target. Natural key: (site, date,
 * target). A measurement, not a count: the series of a target holds the sum of concentrations and the
 * number of samples, and is read as their mean (series/query.ts), at the site's place.
 */
export const wastewaterSchema = z.object({
  /** The sampling site's facility code (type wastewater_site). */
  site: code,
  date,
  /** What was measured: sars_cov_2, influenza_a, rsv, norovirus, mpox, … */
  target: slug,
  /** Copies per litre. */
  concentration: z.number().min(0).max(1e15),
  /** Daily flow, m³/day (for loads; not used by the series). */
  flow: z.number().min(0).max(1e9).optional(),
});

export const wastewaterChannel = defineChannel({
  id: 'wastewater',
  table: 'wastewater_record',
  schema: wastewaterSchema,
  numberFields: ['concentration', 'flow'],
  booleanFields: [],
  key: (r) => `${r.site}/${r.date}/${r.target}`,
  derive: (r, references) =>
    facilityDayContribution(
      { facility: r.site, field: 'site', types: ['wastewater_site'], date: r.date },
      references,
      {
        signals: [r.target],
        counts: [r.concentration],
        denominator: null,
      },
    ),
  columns: {
    sample_date: (r) => r.date,
    target: (r) => r.target,
    concentration: (r) => r.concentration,
    flow: (r) => r.flow,
  },
  completeness: true,
  measurement: true,
});
