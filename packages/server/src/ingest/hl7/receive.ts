import type pg from 'pg';
import type { Language } from '../../i18n/language.js';
import { translate, type MessageKey, type MessageParams } from '../../i18n/messages.js';
import { ingestRecords } from '../ingest-records.js';
import { buildAck as buildHl7Ack, type AckCode, type AckError } from './ack.js';
import { visitFromAdt } from './adt-visit.js';
import {
  locationName,
  parseHl7,
  segmentsNamed,
  valueOf,
  type Hl7Message,
  type Hl7Problem,
} from './message.js';

/**
 * One HL7 message in, one acknowledgement out: parse, check the header, check the sender, map the ADT
 * message to a visit, ingest it. AA only after `ingestRecords` has committed the record (or recognised it
 * as a duplicate); nothing is stored for AE or AR.
 */

export interface ReceiveOptions {
  readonly db: pg.Pool;
  /** Whether a sending facility (MSH-4) may send here. */
  readonly allowFacility: (facility: string) => Promise<boolean>;
  readonly language: Language;
  /** MSH-18 of the acknowledgement (default `UNICODE UTF-8`): the character set the caller writes it in. */
  readonly ackCharset?: string;
}

export type Outcome = 'accepted' | 'duplicate' | 'corrected' | 'error' | 'rejected' | 'failed';

export interface Receipt {
  readonly ack: string;
  readonly outcome: Outcome;
}

const TRIGGERS = new Set(['A01', 'A03', 'A04', 'A08']);

export async function receiveHl7(text: string, options: ReceiveOptions): Promise<Receipt> {
  const { language } = options;
  const buildAck = (ack: Parameters<typeof buildHl7Ack>[0]) =>
    buildHl7Ack({ ...ack, ...(options.ackCharset === undefined ? {} : { charset: options.ackCharset }) });
  const failed = (message: Hl7Message, text: string): Receipt => {
    const errors: AckError[] = [{ location: { segment: 'MSH', sequence: 1 }, code: 207, text }];
    return { ack: buildAck({ message, code: 'AR', text, errors }), outcome: 'failed' };
  };
  const say = (key: MessageKey, params?: MessageParams) => translate(key, language, params);
  const refuse = (
    message: Hl7Message | undefined,
    code: AckCode,
    problems: readonly Hl7Problem[],
  ): Receipt => {
    const errors: AckError[] = problems.map((p) => ({
      location: p.location,
      code: p.code,
      text: say(p.key, p.params),
    }));
    return {
      ack: buildAck({ message, code, text: errors[0]?.text ?? '', errors }),
      outcome: code === 'AE' ? 'error' : 'rejected',
    };
  };

  const parsed = parseHl7(text);
  if (!parsed.ok) return refuse(undefined, 'AE', [parsed.problem]);
  const { message } = parsed;

  const header = checkHeader(message);
  if (header) return refuse(message, header.code === 101 ? 'AE' : 'AR', [header]);

  const mapped = visitFromAdt(message);
  if (!mapped.ok) return refuse(message, 'AE', [mapped.problem]);

  const facility = String(mapped.record.facility);
  const location = { segment: 'MSH', sequence: 1, field: 4 };
  let allowed: boolean;
  try {
    allowed = await options.allowFacility(facility);
  } catch {
    return failed(message, say('hl7.internal'));
  }
  if (!allowed) {
    return refuse(message, 'AR', [
      { location, key: 'hl7.facility-not-allowed', code: 103, params: { facility } },
    ]);
  }

  let report;
  try {
    report = await ingestRecords(options.db, 'visit', [mapped.record], { source: 'hl7', language });
  } catch {
    return failed(message, say('hl7.internal'));
  }
  if (report.rejected.length > 0) {
    const errors: AckError[] = report.rejected.map((r) => {
      const source = mapped.sources[r.field];
      return {
        location: source ?? { segment: 'MSH', sequence: 1 },
        code: 102,
        text: `${source ? locationName(source) : r.field}: ${r.reason}`,
      };
    });
    return {
      ack: buildAck({ message, code: 'AE', text: errors[0]?.text ?? '', errors }),
      outcome: 'error',
    };
  }
  const outcome: Outcome =
    report.duplicates > 0 ? 'duplicate' : report.corrected > 0 ? 'corrected' : 'accepted';
  // Notes on an accepted visit (a residence outside the city): warnings beside the AA.
  const notes: AckError[] = report.flagged.map((f) => {
    const source = mapped.sources[f.field];
    return {
      location: source ?? { segment: 'MSH', sequence: 1 },
      code: 0,
      severity: 'W',
      text: `${source ? locationName(source) : f.field}: ${f.reason}`,
    };
  });
  return { ack: buildAck({ message, code: 'AA', text: say(`hl7.${outcome}`), errors: notes }), outcome };
}

/** MSH-9 (ADT^A01/A03/A04/A08), MSH-10, MSH-11 (P) and MSH-12 (2.x). */
function checkHeader(message: Hl7Message): Hl7Problem | undefined {
  const msh = segmentsNamed(message, 'MSH')[0];
  const at = (field: number) => ({ segment: 'MSH', sequence: 1, field });
  const type = valueOf(message, msh, 9, 1);
  const trigger = valueOf(message, msh, 9, 2) || valueOf(message, segmentsNamed(message, 'EVN')[0], 1);
  if (!valueOf(message, msh, 10))
    return { location: at(10), key: 'hl7.required', code: 101, params: { field: 'MSH-10' } };
  if (type !== 'ADT' || !TRIGGERS.has(trigger)) {
    return {
      location: at(9),
      key: 'hl7.message-type',
      code: type === 'ADT' ? 201 : 200,
      params: { type: [type, trigger].filter(Boolean).join('^') },
    };
  }
  const processing = valueOf(message, msh, 11, 1);
  if (processing !== '' && processing !== 'P') {
    return { location: at(11), key: 'hl7.processing-id', code: 202, params: { value: processing } };
  }
  const version = valueOf(message, msh, 12, 1);
  if (!version.startsWith('2.')) {
    return { location: at(12), key: 'hl7.version', code: 203, params: { version: version || '—' } };
  }
  return undefined;
}
