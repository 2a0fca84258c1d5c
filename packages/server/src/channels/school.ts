import { z } from 'zod';
import { defineChannel } from './channel.js';
import { facilityDayContribution } from './facility-day.js';
import { code, count, date } from './fields.js';

/**
 * School absenteeism (因病缺课), one row per school and day. Natural key: (school, date). Signals: pupils
 * absent for fever, respiratory, gastrointestinal and other illness, each with the enrolment beside it as
 * the denominator (for rates), at the school's place.
 */
export const schoolSchema = z
  .object({
    school: code,
    date,
    enrolled: count.min(1),
    absentFever: count,
    absentRespiratory: count,
    absentGi: count,
    absentOther: count,
  })
  .superRefine((r, ctx) => {
    if (r.absentFever + r.absentRespiratory + r.absentGi + r.absentOther > r.enrolled) {
      ctx.addIssue({ code: 'custom', path: ['enrolled'], params: { key: 'ingest.absent-exceeds-enrolled' } });
    }
  });

export const SCHOOL_SIGNALS = ['absent_fever', 'absent_respiratory', 'absent_gi', 'absent_other'] as const;

export const schoolChannel = defineChannel({
  id: 'school',
  table: 'school_record',
  schema: schoolSchema,
  numberFields: ['enrolled', 'absentFever', 'absentRespiratory', 'absentGi', 'absentOther'],
  booleanFields: [],
  key: (r) => `${r.school}/${r.date}`,
  derive: (r, references) =>
    facilityDayContribution(
      { facility: r.school, field: 'school', types: ['school'], date: r.date },
      references,
      {
        signals: SCHOOL_SIGNALS,
        counts: [r.absentFever, r.absentRespiratory, r.absentGi, r.absentOther],
        denominator: r.enrolled,
      },
    ),
  columns: {
    absence_date: (r) => r.date,
    enrolled: (r) => r.enrolled,
    absent_fever: (r) => r.absentFever,
    absent_respiratory: (r) => r.absentRespiratory,
    absent_gi: (r) => r.absentGi,
    absent_other: (r) => r.absentOther,
  },
  completeness: true,
});
