import { segmentsNamed, valueOf, type Hl7Location, type Hl7Message, type Hl7Problem } from './message.js';

/**
 * The OBX segments of a message, read once: the LOINC code (OBX-3.1), the value as text (OBX-5: the text
 * of a CWE, else the first component; repetitions joined) and the unit (OBX-6.1), with their locations.
 */
export interface Observation {
  readonly code: string;
  readonly text: string;
  readonly unit: string;
  readonly valueAt: Hl7Location;
  readonly unitAt: Hl7Location;
}

export type ObservationResult = { ok: true; list: Observation[] } | { ok: false; problem: Hl7Problem };

export function observations(message: Hl7Message): ObservationResult {
  const list: Observation[] = [];
  for (const obx of segmentsNamed(message, 'OBX')) {
    const code = valueOf(message, obx, 3, 1);
    if (!code) {
      return {
        ok: false,
        problem: {
          location: { segment: 'OBX', sequence: obx.sequence, field: 3 },
          key: 'hl7.required',
          code: 101,
          params: { field: `OBX-3 (OBX ${obx.sequence})` },
        },
      };
    }
    const type = valueOf(message, obx, 2, 1).toUpperCase();
    const count =
      (obx.fields[5] ?? '') === '' ? 0 : (obx.fields[5] ?? '').split(message.delimiters.repetition).length;
    const values: string[] = [];
    for (let r = 1; r <= count; r++) {
      const text =
        type === 'CWE' || type === 'CE'
          ? valueOf(message, obx, 5, 2, 1, r) || valueOf(message, obx, 5, 1, 1, r)
          : valueOf(message, obx, 5, 1, 1, r);
      if (text) values.push(text);
    }
    list.push({
      code,
      text: values.join(' '),
      unit: valueOf(message, obx, 6, 1),
      valueAt: { segment: 'OBX', sequence: obx.sequence, field: 5 },
      unitAt: { segment: 'OBX', sequence: obx.sequence, field: 6 },
    });
  }
  return { ok: true, list };
}
