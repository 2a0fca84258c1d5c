import { z } from 'zod';
import { defineChannel } from './channel.js';
import { facilityDayContribution } from './facility-day.js';
import { code, count, date } from './fields.js';

/**
 * Pharmacy sales (药店销售), one row per store, day and drug class. Natural key: (store, date, drug class);
 * a re-sent row with other units corrects the day. Signal: the drug class, summing units, at the store's place.
 */
export const DRUG_CLASSES = [
  'antipyretic', // 退热药
  'antitussive', // 止咳药
  'cold', // 感冒药
  'throat', // 咽喉用药
  'antidiarrhoeal', // 止泻药
  'rehydration', // 口服补液盐
  'antiemetic', // 止吐药
  'antiviral', // 抗病毒药
  'antibiotic', // 抗菌药
  'other',
] as const;

export const pharmacySchema = z.object({
  /** The store's facility code. */
  store: code,
  date,
  drugClass: z.string().trim().toLowerCase().pipe(z.enum(DRUG_CLASSES)),
  units: count,
});

export const pharmacyChannel = defineChannel({
  id: 'pharmacy',
  table: 'pharmacy_record',
  schema: pharmacySchema,
  numberFields: ['units'],
  booleanFields: [],
  key: (r) => `${r.store}/${r.date}/${r.drugClass}`,
  derive: (r, references) =>
    facilityDayContribution(
      { facility: r.store, field: 'store', types: ['pharmacy'], date: r.date },
      references,
      {
        signals: [r.drugClass],
        counts: [r.units],
        denominator: null,
      },
    ),
  columns: {
    sale_date: (r) => r.date,
    drug_class: (r) => r.drugClass,
    units: (r) => r.units,
  },
  completeness: true,
});
