import type { MessageKey, MessageParams } from '../../i18n/messages.js';
import { unescapeText, type Delimiters } from './escape.js';

/**
 * A parsed HL7 v2 message: segments split at carriage returns, fields at MSH-1, and the delimiters read
 * from MSH-1 and MSH-2 of the message itself. Fields are kept as written and decoded on access (split into
 * repetitions, components and subcomponents, then unescaped), so a message is parsed in one pass and only
 * the fields a mapping reads are ever decoded.
 */
export interface Hl7Message {
  readonly delimiters: Delimiters;
  readonly segments: readonly Hl7Segment[];
}

export interface Hl7Segment {
  readonly name: string;
  /** 1-based among the segments of the same name (ERR-2.2). */
  readonly sequence: number;
  /** Raw field text by HL7 field number: `fields[1]` is field 1 (for MSH, MSH-1 the field separator). */
  readonly fields: readonly string[];
}

/** Where in a message: ERR-2 (segment, its sequence, field, repetition, component, subcomponent). */
export interface Hl7Location {
  readonly segment: string;
  readonly sequence?: number;
  readonly field?: number;
  readonly component?: number;
}

/** Why a message cannot be read or used: where, and the catalogue key of the reason. */
export interface Hl7Problem {
  readonly location: Hl7Location;
  readonly key: MessageKey;
  readonly params?: MessageParams;
  /** HL7 table 0357 error code for ERR-3. */
  readonly code: Hl7ErrorCode;
}

/** HL7 table 0357 (message error condition codes) as used here. */
export type Hl7ErrorCode = 0 | 100 | 101 | 102 | 103 | 200 | 201 | 202 | 203 | 207;

export type ParseResult = { ok: true; message: Hl7Message } | { ok: false; problem: Hl7Problem };

const SEGMENT_NAME = /^[A-Z][A-Z0-9]{2}$/;

export function parseHl7(text: string): ParseResult {
  const lines = text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '');
  const first = lines[0] ?? '';
  if (!first.startsWith('MSH')) {
    return fail({ segment: first.slice(0, 3) || 'MSH', sequence: 1 }, 'hl7.no-msh', 100);
  }
  const field = first[3];
  const encoding = field === undefined ? '' : first.slice(4, first.indexOf(field, 4));
  const chars = [field ?? '', ...encoding.slice(0, 4)];
  const distinct = new Set(chars).size === 5;
  if (
    !field ||
    encoding.length < 4 ||
    encoding.length > 5 ||
    !distinct ||
    chars.some((c) => /[\w\s]/.test(c))
  ) {
    return fail({ segment: 'MSH', sequence: 1, field: 2 }, 'hl7.encoding', 102);
  }
  const delimiters: Delimiters = {
    field,
    component: encoding[0] as string,
    repetition: encoding[1] as string,
    escape: encoding[2] as string,
    subcomponent: encoding[3] as string,
  };

  const segments: Hl7Segment[] = [];
  const counts = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const parts = line.split(field);
    const name = parts[0] ?? '';
    const sequence = (counts.get(name) ?? 0) + 1;
    counts.set(name, sequence);
    if (!SEGMENT_NAME.test(name) || (line.length > 3 && line[3] !== field)) {
      return fail({ segment: name.slice(0, 3) || '?', sequence, field: 0 }, 'hl7.segment-name', 100, {
        number: i + 1,
        text: line.slice(0, 20),
      });
    }
    if (i > 0 && name === 'MSH') return fail({ segment: 'MSH', sequence }, 'hl7.second-msh', 100);
    // MSH-1 is the field separator itself, so MSH's fields are numbered one ahead of the split.
    const fields = name === 'MSH' ? ['MSH', field, ...parts.slice(1)] : parts;
    segments.push({ name, sequence, fields });
  }
  return { ok: true, message: { delimiters, segments } };
}

function fail(
  location: Hl7Location,
  key: MessageKey,
  code: Hl7ErrorCode,
  params?: MessageParams,
): ParseResult {
  return { ok: false, problem: { location, key, code, ...(params ? { params } : {}) } };
}

/** The segments of one name, in order. */
export const segmentsNamed = (message: Hl7Message, name: string): Hl7Segment[] =>
  message.segments.filter((s) => s.name === name);

/** The repetitions of a field, raw (MSH-2 is never split: it holds the delimiters). */
export function repetitions(message: Hl7Message, segment: Hl7Segment | undefined, field: number): string[] {
  const raw = segment?.fields[field] ?? '';
  if (raw === '') return [];
  if (segment?.name === 'MSH' && field <= 2) return [raw];
  return raw.split(message.delimiters.repetition);
}

/**
 * One decoded value: field `field`, component `component`, subcomponent `sub` of repetition `repetition`
 * (all 1-based), unescaped; '' when absent. HL7's explicit null `""` reads as ''.
 */
export function valueOf(
  message: Hl7Message,
  segment: Hl7Segment | undefined,
  field: number,
  component = 1,
  sub = 1,
  repetition = 1,
): string {
  const rep = repetitions(message, segment, field)[repetition - 1];
  if (rep === undefined) return '';
  if (segment?.name === 'MSH' && field <= 2) return rep;
  const d = message.delimiters;
  const comp = rep.split(d.component)[component - 1] ?? '';
  const leaf = comp.split(d.subcomponent)[sub - 1] ?? '';
  return leaf === '""' ? '' : unescapeText(leaf, d).trim();
}

/** `PV1-44`, `MSH-4`: how a location reads in a rejection's `field`. */
export const locationName = (l: Hl7Location): string =>
  l.field === undefined ? l.segment : `${l.segment}-${l.field}${l.component ? `.${l.component}` : ''}`;
