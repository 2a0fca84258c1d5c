import { escapeText } from './escape.js';
import { segmentsNamed, valueOf, type Hl7ErrorCode, type Hl7Location, type Hl7Message } from './message.js';

/**
 * HL7 v2.5.1 original-mode acknowledgements: ACK with MSA-1 AA (accepted: the record is committed), AE
 * (an error in the message's content: fix and resend) or AR (rejected for reasons other than content —
 * unsupported type, version or processing id, a sender not allowed, or our own failure: resend later),
 * and one ERR segment per problem with its location (ERR-2), the table 0357 code (ERR-3), severity E and
 * the reason for a person (ERR-8). MSA-3 repeats the first reason. An accepted message may carry notes as
 * ERR segments of severity W with code 0 (a residence outside the city, counted at the facility's place).
 */

export type AckCode = 'AA' | 'AE' | 'AR';

export interface AckError {
  readonly location: Hl7Location;
  readonly code: Hl7ErrorCode;
  readonly text: string;
  /** ERR-4 (table 0516): E, or W for a note on an accepted message (default E). */
  readonly severity?: 'E' | 'W';
}

const CODE_TEXT: Readonly<Record<Hl7ErrorCode, string>> = {
  0: 'Message accepted',
  100: 'Segment sequence error',
  101: 'Required field missing',
  102: 'Data type error',
  103: 'Table value not found',
  200: 'Unsupported message type',
  201: 'Unsupported event code',
  202: 'Unsupported processing id',
  203: 'Unsupported version id',
  207: 'Application internal error',
};

let counter = 0;

export function buildAck(options: {
  readonly message: Hl7Message | undefined;
  readonly code: AckCode;
  readonly text: string;
  readonly errors?: readonly AckError[];
  readonly now?: Date;
  /** MSH-18: the character set the acknowledgement is written in (see mllp/charset.ts). */
  readonly charset?: string;
}): string {
  const { message, code, text, errors = [], charset = 'UNICODE UTF-8' } = options;
  const msh = message ? segmentsNamed(message, 'MSH')[0] : undefined;
  const hd = (field: number) =>
    message
      ? [1, 2, 3]
          .map((c) => escapeText(valueOf(message, msh, field, c)))
          .join('^')
          .replace(/\^+$/, '')
      : '';
  const trigger = message ? escapeText(valueOf(message, msh, 9, 2)) : '';
  const controlId = message ? escapeText(valueOf(message, msh, 10)) : '';
  counter = (counter + 1) % 1_000_000;
  const ackId = `SB${Date.now().toString(36).toUpperCase()}${counter.toString(36).toUpperCase()}`;
  const segments = [
    `MSH|^~\\&|SHAOBING|SHAOBING|${hd(3)}|${hd(4)}|${hl7Now(options.now)}||${trigger ? `ACK^${trigger}^ACK` : 'ACK'}|${ackId}|P|2.5.1||||||${escapeText(charset)}`,
    `MSA|${code}|${controlId}|${escapeText(text)}`,
    ...errors.map(
      (e) =>
        `ERR||${errorLocation(e.location)}|${e.code}^${CODE_TEXT[e.code]}^HL70357|${e.severity ?? 'E'}||||${escapeText(e.text)}`,
    ),
  ];
  return `${segments.join('\r')}\r`;
}

/** ERR-2 (ERL): segment id ^ sequence ^ field position ^ field repetition ^ component. */
function errorLocation(l: Hl7Location): string {
  const parts = [
    l.segment,
    String(l.sequence ?? 1),
    l.field === undefined ? '' : String(l.field),
    '',
    l.component ? String(l.component) : '',
  ];
  return parts.join('^').replace(/\^+$/, '');
}

/** Now in Asia/Shanghai as an HL7 DTM with its offset. */
function hl7Now(now = new Date()): string {
  const local = new Date(now.getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 19).replace(/[-T:]/g, '')}+0800`;
}
