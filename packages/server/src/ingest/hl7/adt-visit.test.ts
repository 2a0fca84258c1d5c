import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { visitFromAdt } from './adt-visit.js';
import { parseHl7, type Hl7Message } from './message.js';

export const sample = (name: string): string =>
  readFileSync(new URL(`./samples/${name}.hl7`, import.meta.url), 'utf8').replace(/\n/g, '\r');

const parsed = (text: string): Hl7Message => {
  const result = parseHl7(text);
  if (!result.ok) throw new Error(JSON.stringify(result.problem));
  return result.message;
};

const map = (text: string) => visitFromAdt(parsed(text));

describe('PHIN syndromic ADT → visit record', () => {
  test('a fever-clinic A04 with OBX chief complaint, age and temperature', () => {
    const result = map(sample('a04-fever-clinic'));
    expect(result).toMatchObject({
      ok: true,
      record: {
        facility: 'FX-FC1',
        visitId: 'V20240105-0007',
        time: '2024-01-05T09:30:00+08:00',
        age: 5,
        sex: 'F',
        residence: '420102002003',
        chiefComplaint: '发热2天，伴咳嗽、流涕',
        temperature: 38.6,
        icd10: 'J11.1',
      },
    });
    if (result.ok) {
      expect(result.sources.visitId).toEqual({ segment: 'PV1', sequence: 1, field: 19 });
      expect(result.sources.temperature).toEqual({ segment: 'OBX', sequence: 3, field: 5 });
      expect(result.sources.age).toEqual({ segment: 'PID', sequence: 1, field: 7 });
    }
  });

  test('an A08 update of the same visit has the same natural key and the new content', () => {
    const result = map(sample('a08-update'));
    expect(result).toMatchObject({
      ok: true,
      record: { facility: 'FX-FC1', visitId: 'V20240105-0007', temperature: 39.1, icd10: 'J11.1;A09' },
    });
  });

  test('an English A03 discharge: °F, ICD-10 codes without dots, county code, TX chief complaint', () => {
    const result = map(sample('a03-discharge-en'));
    expect(result).toMatchObject({
      ok: true,
      record: {
        facility: 'FX-H1',
        visitId: 'ENC-2024-0042',
        time: '2024-01-05T23:10:00',
        age: 36,
        sex: 'M',
        residence: '420103',
        chiefComplaint: 'Fever 101.3F, cough x3 days, SOB',
        temperature: 38.5,
        icd10: 'J06.9;R50.9',
      },
    });
  });

  test('a minimal A04: the admit reason is the chief complaint, unknown sex, no residence', () => {
    const result = map(sample('a04-minimal-admit-reason'));
    expect(result).toMatchObject({
      ok: true,
      record: { facility: 'FX-H1', visitId: 'CHC-0099-V', sex: 'U', chiefComplaint: '腹泻水样便5次，无发热' },
    });
    if (result.ok) expect(result.record).not.toHaveProperty('residence');
  });

  test('an infant’s age from the birth date is in years to two decimals', () => {
    const text = sample('a04-fever-clinic').replace('|20180312|', '|20230805|');
    expect(map(text)).toMatchObject({ record: { age: 0.42 } });
  });

  test('the reported age in months when there is no birth date', () => {
    const text = sample('a04-fever-clinic')
      .replace('|20180312|', '||')
      .replace('||5|a^year^UCUM|', '||18|mo^month^UCUM|');
    expect(map(text)).toMatchObject({
      record: { age: 1.5 },
      sources: { age: { segment: 'OBX', sequence: 1 } },
    });
  });

  test.each([
    [
      'no visit number',
      (t: string) => t.replace('V20240105-0007^^^FX-FC1^VN', ''),
      { segment: 'PV1', field: 19 },
      'hl7.required',
    ],
    [
      'no admit time',
      (t: string) => t.replace('|20240105093000+0800', '|'),
      { segment: 'PV1', field: 44 },
      'hl7.required',
    ],
    [
      'a bad admit time',
      (t: string) => t.replace('|20240105093000+0800', '|2024-01-05 09:30'),
      { segment: 'PV1', field: 44 },
      'hl7.timestamp',
    ],
    [
      'no sending facility',
      (t: string) => t.replace('|FX-FC1^2.16.156.10011.1.1^ISO|SHAOBING', '||SHAOBING'),
      { segment: 'MSH', field: 4 },
      'hl7.required',
    ],
    ['no PV1', (t: string) => t.replace(/\rPV1\|[^\r]*/, ''), { segment: 'PV1' }, 'hl7.required'],
    [
      'a temperature that is not a number',
      (t: string) => t.replace('||38.6|', '||38,6度|'),
      { segment: 'OBX', sequence: 3, field: 5 },
      'hl7.number',
    ],
    [
      'a temperature unit not understood',
      (t: string) => t.replace('|Cel^degree Celsius^UCUM|', '|K^kelvin^UCUM|'),
      { segment: 'OBX', sequence: 3, field: 6 },
      'hl7.unit',
    ],
    [
      'an OBX without its code',
      (t: string) => t.replace('8310-5^Body temperature^LN', ''),
      { segment: 'OBX', sequence: 3, field: 3 },
      'hl7.required',
    ],
  ])('%s is refused with the field', (_name, edit, location, key) => {
    const result = map(edit(sample('a04-fever-clinic')));
    expect(result).toMatchObject({ ok: false, problem: { location, key } });
  });
});
