import type { SimFacility } from '../city/sim-facility.js';
import type { SimChannel, SimSeries } from '../series.js';
import type { OutbreakCase } from './cases.js';
import type { PathogenId } from './pathogens.js';

/** Channels whose records are one per case: each such record of an outbreak carries the outbreak's id. */
export type CaseChannel = 'visit' | 'report-card' | 'lab' | 'hotline' | 'opinion';

/** One record an outbreak case causes on a per-case channel. */
export interface CaseEvent {
  readonly outbreak: string;
  readonly case: OutbreakCase;
  readonly channel: CaseChannel;
  readonly series: SimSeries;
  /** Day index of the event: the visit, the onset (cards), the sample, the message. */
  readonly day: number;
  /** Report cards: the day of diagnosis and the day reported (day indices). */
  readonly diagnosisDay: number;
  readonly reportDay: number;
  /** The reporting facility (visit, card, lab); null for messages. */
  readonly facility: SimFacility | null;
  /** Hotline and opinion: the place the message names; null when it names none. */
  readonly placeCode: string | null;
}

/** What a drill scores against: every case, and what each channel counted of it, by series and day. */
export interface OutbreakTruth {
  readonly id: string;
  readonly pathogen: PathogenId;
  readonly place: string;
  readonly start: string;
  readonly size: number;
  readonly cases: readonly OutbreakCase[];
  /** Series index → the outbreak-caused amount on each day. */
  readonly counts: Map<number, Float32Array>;
  /** Per channel, the amount counted (visits, cards, units sold, pupil-days absent, positives, messages, copies/L). */
  readonly added: Record<SimChannel, number>;
  /** Per channel, the amount lost: a silent facility, a closed school, a day outside the period. */
  readonly lost: Record<SimChannel, number>;
}

export const zeroByChannel = (): Record<SimChannel, number> => ({
  visit: 0,
  'report-card': 0,
  pharmacy: 0,
  school: 0,
  lab: 0,
  hotline: 0,
  opinion: 0,
  wastewater: 0,
});
