import { z } from 'zod';
import type { MessageKey, MessageParams } from '../i18n/messages.js';
import type { ChannelId } from './channel-id.js';
import type { NotifiableDiseases } from './notifiable-diseases.js';

/** What a channel needs to know about the city to check a record and place it. */
export interface References {
  /** Place code → the codes it counts at: itself, its parent, … up to the city. */
  readonly places: ReadonlyMap<string, readonly string[]>;
  /** Facility id (the code reporters use) → the code of the place it stands in. */
  readonly facilities: ReadonlyMap<string, string>;
  /** Facility id → its type (`FACILITY_TYPES` of city/city-model.ts): which channels it may report on. */
  readonly facilityTypes: ReadonlyMap<string, string>;
  /** The city's own place, where records without a known place count (hotline, opinion). */
  readonly rootPlace: string | undefined;
  readonly diseases: NotifiableDiseases;
  /** Now, and today in Asia/Shanghai: records dated after it are rejected. */
  readonly nowMs: number;
  readonly today: string;
}

/** How one record feeds the series: on which day, at which place, which signals, by how much. */
export interface Contribution {
  /** The event day (visit, onset, sale, absence, sample, message) in Asia/Shanghai. */
  readonly eventDate: string;
  /** Where it counts: the residence, else the reporting facility's place. */
  readonly placeCode: string;
  /** The reporting facility, for the facility's own series and reporting completeness. */
  readonly facilityId: string | null;
  readonly signals: readonly string[];
  /** The amount per signal; null when each signal counts one. */
  readonly counts: readonly number[] | null;
  /** A denominator carried beside every signal's count (pupils enrolled, samples tested); null if none. */
  readonly denominator: number | null;
  /** Something the sender should know about an accepted record (it is counted nonetheless). */
  readonly flag?: RecordIssue;
}

/** One problem with one field of one record, as a catalogue key (translated when reported). */
export interface RecordIssue {
  readonly field: string;
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

/** A value as it goes into a COPY row. */
export type CopyValue = string | number | boolean | null | undefined;

/** How a report card changes what is stored: other channels' records are always plain versions. */
export type CardType = 'new' | 'correction' | 'withdrawal';

export interface ChannelDefinition<S extends z.ZodType = z.ZodType> {
  readonly id: ChannelId;
  /** The record table (migration 003). */
  readonly table: string;
  readonly schema: S;
  /** Fields read as numbers, and as booleans, from CSV text. */
  readonly numberFields: readonly string[];
  readonly booleanFields: readonly string[];
  /** The natural key as one string: re-sending it is a duplicate or a correction, never a second record. */
  readonly key: (record: z.output<S>) => string;
  /** Checks the record against the city and the calendar, and says how it feeds the series. */
  readonly derive: (record: z.output<S>, references: References) => Contribution | RecordIssue;
  /** The channel's own columns of its record table, in order, with their values. */
  readonly columns: Readonly<Record<string, (record: z.output<S>, references: References) => CopyValue>>;
  /**
   * Columns left out of the content hash: values derived here rather than sent (the syndrome rules' version,
   * a disease's class) and, for cards, the type, so that a correction equal to the stored card is a duplicate.
   */
  readonly hashExcludes?: readonly string[];
  /** Whether facilities are expected to report daily (visits, schools …): place series carry completeness. */
  readonly completeness: boolean;
  /** Wastewater: a measurement, whose series is read as a mean rather than a sum. */
  readonly measurement?: boolean;
  /** Report cards: the card's type (new / correction / withdrawal). */
  readonly cardType?: (record: z.output<S>) => CardType;
}

/**
 * Keeps each channel's record type checked against its schema while storing them in one list. The schema
 * is compiled once here (`z.compile`: zod generates one straight-line parser for the whole object, and
 * hands any record that fails it to the ordinary parser, so issues are zod's own): about half the
 * microseconds of parsing a record field by field.
 */
export const defineChannel = <S extends z.ZodType>(definition: ChannelDefinition<S>) =>
  ({ ...definition, schema: z.compile(definition.schema) }) as unknown as ChannelDefinition;
