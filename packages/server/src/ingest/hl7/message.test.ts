import { describe, expect, test } from 'vitest';
import { escapeText, STANDARD_DELIMITERS, unescapeText } from './escape.js';
import { parseHl7, repetitions, segmentsNamed, valueOf, type Hl7Message } from './message.js';
import { isoFromHl7 } from './timestamp.js';

const parse = (text: string): Hl7Message => {
  const result = parseHl7(text);
  if (!result.ok) throw new Error(JSON.stringify(result.problem));
  return result.message;
};

const MSH = 'MSH|^~\\&|HIS|FX-H1|SHAOBING|WHCDC|20240105093512||ADT^A04^ADT_A01|M1|P|2.5.1';

describe('HL7 v2 parsing', () => {
  test('segments by carriage return, fields, components, subcomponents and repetitions', () => {
    const m = parse(`${MSH}\rPID|1||A1^^^H1&1.2.3&ISO^MR~B2^^^H2^PI||王^小明\rPV1|1|E\r`);
    const pid = segmentsNamed(m, 'PID')[0];
    expect(m.segments.map((s) => s.name)).toEqual(['MSH', 'PID', 'PV1']);
    expect(repetitions(m, pid, 3)).toHaveLength(2);
    expect(valueOf(m, pid, 3, 1, 1, 2)).toBe('B2');
    expect(valueOf(m, pid, 3, 4, 2)).toBe('1.2.3');
    expect(valueOf(m, pid, 5, 2)).toBe('小明');
    expect(valueOf(m, pid, 9)).toBe('');
  });

  test('MSH-1 and MSH-2 are the delimiters and MSH fields keep their standard numbers', () => {
    const m = parse(MSH);
    const msh = segmentsNamed(m, 'MSH')[0];
    expect(valueOf(m, msh, 1)).toBe('|');
    expect(valueOf(m, msh, 2)).toBe('^~\\&');
    expect(valueOf(m, msh, 4)).toBe('FX-H1');
    expect(valueOf(m, msh, 9, 2)).toBe('A04');
    expect(valueOf(m, msh, 10)).toBe('M1');
  });

  test('delimiters are read from the message itself', () => {
    const m = parse('MSH#*!?@#HIS#FX-H1#X#Y#20240105##ADT*A04#M9#P#2.5.1\rPID#1##A1*B1!A2*B2##N?F?O');
    const pid = segmentsNamed(m, 'PID')[0];
    expect(valueOf(m, segmentsNamed(m, 'MSH')[0], 9, 2)).toBe('A04');
    expect(valueOf(m, pid, 3, 2, 1, 2)).toBe('B2');
    expect(valueOf(m, pid, 5)).toBe('N#O');
  });

  test.each([
    ['\\F\\', '|'],
    ['\\S\\', '^'],
    ['\\T\\', '&'],
    ['\\R\\', '~'],
    ['\\E\\', '\\'],
    ['a\\.br\\b', 'a\nb'],
    ['\\H\\bold\\N\\', 'bold'],
    ['\\XE58F91E783AD\\', '发热'],
    ['unclosed \\F', 'unclosed \\F'],
    ['\\Q\\', '\\Q\\'],
  ])('escape %s reads as %s', (written, read) => {
    expect(unescapeText(written, STANDARD_DELIMITERS)).toBe(read);
  });

  test('escaped text survives the trip through a field', () => {
    const text = 'Fever|cough^SOB & wheeze~x\\y';
    const m = parse(`${MSH}\rPV2|||^${escapeText(text)}`);
    expect(valueOf(m, segmentsNamed(m, 'PV2')[0], 3, 2)).toBe(text);
  });

  test('the explicit null "" reads as empty; \\n and \\r\\n also separate segments', () => {
    const m = parse(`${MSH}\r\nPID|1||""\nPV1|1|E`);
    expect(m.segments).toHaveLength(3);
    expect(valueOf(m, segmentsNamed(m, 'PID')[0], 3)).toBe('');
  });

  test.each([
    ['no MSH', 'PID|1||A1', { segment: 'PID', sequence: 1 }, 'hl7.no-msh'],
    ['garbage', 'hello world', { segment: 'hel' }, 'hl7.no-msh'],
    ['short encoding characters', 'MSH|^~|HIS', { segment: 'MSH', field: 2 }, 'hl7.encoding'],
    ['repeated encoding characters', 'MSH|^^\\&|HIS', { segment: 'MSH', field: 2 }, 'hl7.encoding'],
    [
      'a lower-case segment name',
      `${MSH}\rpid|1`,
      { segment: 'pid', sequence: 1, field: 0 },
      'hl7.segment-name',
    ],
    ['a segment without its separator', `${MSH}\rPID1||A`, { segment: 'PID' }, 'hl7.segment-name'],
    ['a free-text line', `${MSH}\rPID|1\r发热咳嗽`, { segment: '发热咳' }, 'hl7.segment-name'],
    ['two messages in one', `${MSH}\r${MSH}`, { segment: 'MSH', sequence: 2 }, 'hl7.second-msh'],
  ])('a malformed message (%s) is refused with its location', (_name, text, location, key) => {
    const result = parseHl7(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatchObject({ location, key });
  });
});

describe('HL7 timestamps', () => {
  test.each([
    ['20240105093512+0800', '2024-01-05T09:35:12+08:00'],
    ['202401050935', '2024-01-05T09:35:00'],
    ['20240105', '2024-01-05T00:00:00'],
    ['20240105093512.25-0500', '2024-01-05T09:35:12.25-05:00'],
    ['2024', undefined],
    ['2024-01-05', undefined],
  ])('%s → %s', (hl7, iso) => {
    expect(isoFromHl7(hl7)).toBe(iso);
  });
});
