import type {
  CardType,
  ChannelDefinition,
  Contribution,
  RecordIssue,
  References,
} from '../channels/channel.js';
import { isIssue } from '../channels/checks.js';
import { contentHash, recordHash } from './content-hash.js';
import { copyValue } from './copy-format.js';
import { issueFromZod } from './record-issues.js';

/**
 * The pure half of a batch: each record checked (schema, then the city and the calendar), keyed, hashed,
 * and its own columns formatted for COPY — everything that needs no database lock, so that it can run
 * while the previous batch commits.
 */

export interface Candidate {
  /** Position in the stream (1-based). */
  readonly row: number;
  readonly key: string;
  readonly hash: string;
  readonly contribution: Contribution;
  readonly cardType: CardType | undefined;
  /** The channel's own columns, COPY-formatted and tab-joined. */
  readonly columns: string;
  readonly withdrawalReason: string | undefined;
}

export interface Rejection {
  readonly row: number;
  readonly issue: RecordIssue;
}

export interface PreparedBatch {
  readonly received: number;
  readonly candidates: Candidate[];
  readonly rejected: Rejection[];
  /** Accepted candidates with a flag for the sender (their contribution's `flag`). */
  readonly flagged: Rejection[];
}

/** A row the reader could not turn into a record (a CSV row of the wrong width, malformed JSON). */
export class RowProblem {
  constructor(readonly issue: RecordIssue) {}
}

export interface PrepareOptions {
  /** CSV rows: every value is text, numbers and booleans are read from it. */
  readonly text: boolean;
  readonly firstRow: number;
}

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const TRUE = new Set(['true', '1', 'yes', 'y', 't', '是']);
const FALSE = new Set(['false', '0', 'no', 'n', 'f', '否']);

/** Drops empty values (null, '', blanks: absent), and reads numbers and booleans from CSV text. */
export function cleanRecord(
  input: object,
  numbers: ReadonlySet<string>,
  booleans: ReadonlySet<string>,
  text: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const record = input as Record<string, unknown>;
  // Object.keys rather than Object.entries: no [field, value] pair allocated per field of every record.
  const fields = Object.keys(record);
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as string;
    let value = record[field];
    if (value === null || value === undefined) continue;
    if (typeof value === 'string') {
      const trimmed = value.trim();
      if (trimmed === '') continue;
      if (text && numbers.has(field) && NUMBER.test(trimmed)) value = Number(trimmed);
      else if (text && booleans.has(field)) {
        const word = trimmed.toLowerCase();
        value = TRUE.has(word) ? true : FALSE.has(word) ? false : value;
      }
    }
    out[field] = value;
  }
  return out;
}

export function prepareBatch(
  channel: ChannelDefinition,
  records: readonly unknown[],
  references: References,
  options: PrepareOptions,
): PreparedBatch {
  const numbers = new Set(channel.numberFields);
  const booleans = new Set(channel.booleanFields);
  const columns = Object.values(channel.columns);
  const excluded = new Set(channel.hashExcludes ?? []);
  const hashed = Object.keys(channel.columns).map((name) => !excluded.has(name));
  // When the columns left out of the hash are all at the end (visits), the hashed text is the key, the
  // facility and the front of the stored columns: hashed in place, not built again.
  const kept = hashed.indexOf(false) === -1 ? hashed.length : hashed.indexOf(false);
  const prefix = hashed.every((h, i) => h === i < kept) ? kept : -1;
  const candidates: Candidate[] = [];
  const rejected: Rejection[] = [];
  const flagged: Rejection[] = [];
  records.forEach((input, i) => {
    const row = options.firstRow + i;
    if (input instanceof RowProblem) {
      rejected.push({ row, issue: input.issue });
      return;
    }
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      rejected.push({ row, issue: { field: 'record', key: 'ingest.not-an-object' } });
      return;
    }
    const cleaned = cleanRecord(input, numbers, booleans, options.text);
    const parsed = channel.schema.safeParse(cleaned);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      rejected.push({
        row,
        issue: first ? issueFromZod(first, cleaned) : { field: 'record', key: 'field.required' },
      });
      return;
    }
    const record = parsed.data;
    const contribution = channel.derive(record, references);
    if (isIssue(contribution)) {
      rejected.push({ row, issue: contribution });
      return;
    }
    if (contribution.flag) flagged.push({ row, issue: contribution.flag });
    const cardType = channel.cardType?.(record);
    const values = columns.map((column) => copyValue(column(record, references)));
    const key = channel.key(record);
    const stored = values.join('\t');
    let hash: string;
    if (prefix >= 0) {
      let end = Math.max(prefix - 1, 0);
      for (let c = 0; c < prefix; c++) end += (values[c] as string).length;
      hash = recordHash(key, String(contribution.facilityId), stored, end);
    } else {
      hash = contentHash(
        `${key}\t${contribution.facilityId}\t${values.filter((_, i) => hashed[i]).join('\t')}`,
      );
    }
    candidates.push({
      row,
      key,
      hash,
      contribution,
      cardType,
      columns: stored,
      withdrawalReason: cardType === 'withdrawal' ? (record as { reason?: string }).reason : undefined,
    });
  });
  return { received: records.length, candidates, rejected, flagged };
}
