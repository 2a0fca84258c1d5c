import { z } from 'zod';
import { defineChannel } from './channel.js';
import { CLINICAL, checkDate, facilityPlace, isIssue, residenceOr } from './checks.js';
import { code, date, placeCode, slug } from './fields.js';

/**
 * Laboratory results (实验室检测): one row per sample and pathogen tested. Natural key: (lab, sample,
 * pathogen). Signal: the pathogen, counting positives, with the tests as the denominator (positivity), at
 * the patient's residence when known, else the lab's place, on the sampling day.
 */
export const labSchema = z
  .object({
    lab: code,
    sampleId: code,
    /** A pathogen key: influenza_a, influenza_b, sars_cov_2, rsv, norovirus, enterovirus_71, … */
    pathogen: slug,
    result: z
      .string()
      .transform(
        (v) =>
          ({ 阳性: 'positive', 阴性: 'negative', 不确定: 'indeterminate' })[v.trim()] ??
          v.trim().toLowerCase(),
      )
      .pipe(z.enum(['positive', 'negative', 'indeterminate'])),
    sampleDate: date,
    resultDate: date,
    residence: placeCode.optional(),
    method: z.string().trim().max(64).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.resultDate < r.sampleDate) {
      ctx.addIssue({ code: 'custom', path: ['resultDate'], params: { key: 'ingest.result-before-sample' } });
    }
  });

export const labChannel = defineChannel({
  id: 'lab',
  table: 'lab_record',
  schema: labSchema,
  numberFields: [],
  booleanFields: [],
  key: (r) => `${r.lab}/${r.sampleId}/${r.pathogen}`,
  derive: (r, references) => {
    const facility = facilityPlace(references, r.lab, 'lab', ['lab', ...CLINICAL]);
    if (isIssue(facility)) return facility;
    const place = residenceOr(references, r.residence, facility);
    if (isIssue(place)) return place;
    const late =
      checkDate(references, r.sampleDate, 'sampleDate') ?? checkDate(references, r.resultDate, 'resultDate');
    if (late) return late;
    return {
      eventDate: r.sampleDate,
      ...place,
      facilityId: r.lab,
      signals: [r.pathogen],
      counts: [r.result === 'positive' ? 1 : 0],
      denominator: 1,
    };
  },
  columns: {
    sample_id: (r) => r.sampleId,
    pathogen: (r) => r.pathogen,
    result: (r) => r.result,
    sample_date: (r) => r.sampleDate,
    result_date: (r) => r.resultDate,
    residence_code: (r) => r.residence,
    method: (r) => r.method,
  },
  completeness: true,
});
