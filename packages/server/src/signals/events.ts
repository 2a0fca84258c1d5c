import { EventEmitter } from 'node:events';
import type pg from 'pg';

/**
 * The in-process event of detection runs: after a run commits, listeners (the alert rules) hear which
 * signals it stored or raised again, and which it retracted. The rows are in `detection_signal`
 * (migration 006); this is the shape every reader of that table shares.
 */

export type SeriesPeriod = 'day' | 'week';

/** One alarm of one method on one series at one time point (a `detection_signal` row). */
export interface DetectionSignal {
  readonly id: number;
  readonly channel: string;
  readonly signal: string;
  readonly placeCode: string;
  readonly period: SeriesPeriod;
  /** The time point: the day, or the ISO week's Monday, 'YYYY-MM-DD'. */
  readonly periodStart: string;
  /** The engine's R name: 'earsC', 'farringtonFlexible', 'cidars.mpm', 'essence.ewma', … */
  readonly method: string;
  /** The rule revision that raised it (`detection_rule.id`), its stable key and revision number. */
  readonly ruleId: number;
  readonly ruleKey: string;
  readonly ruleRevision: number;
  /** The configuration version in force when the signal was first stored. */
  readonly configVersion: number;
  /** What the method compared with the threshold (cidars.mpm on days: the 7-day sum). */
  readonly observed: number;
  readonly expected: number | null;
  /** The threshold (R's upperbound). */
  readonly upperbound: number | null;
  /** The method's score (ESSENCE's statistic); otherwise (observed − expected) / (threshold − expected). */
  readonly score: number | null;
  readonly pvalue: number | null;
  /** ESSENCE methods: 1 yellow, 2 red; null for the others. */
  readonly level: 1 | 2 | null;
  /** False once a later run on corrected data no longer alarms (the row stays: alerts may point at it). */
  readonly alarm: boolean;
  readonly createdAt: string;
  readonly runId: number;
  /**
   * When a run on corrected data stopped raising it, and why (`runId` is that run); null while it alarms.
   * The alerts it fired are withdrawn with it (src/alerts/store/retract.ts).
   */
  readonly retractedAt: string | null;
  readonly retractedReason: 'no-longer-alarms' | null;
}

/** What one run changed in the signal store. */
export interface SignalsStored {
  /** The database the run stored them in (a process may hold more than one: a drill beside the platform). */
  readonly pool?: pg.Pool;
  readonly runId: number;
  /** New signals, and signals alarming again or with changed values. */
  readonly signals: readonly DetectionSignal[];
  /** Signals that no longer alarm (alarm = false now). */
  readonly retracted: readonly DetectionSignal[];
}

export type SignalsListener = (event: SignalsStored) => void;

const emitter = new EventEmitter();
emitter.setMaxListeners(50);
const EVENT = 'signals';

/** Subscribes to every run that stored or retracted signals; returns the unsubscribe function. */
export function onSignals(listener: SignalsListener): () => void {
  emitter.on(EVENT, listener);
  return () => emitter.off(EVENT, listener);
}

/** Called by the run after its transaction committed. A listener that throws does not fail the run. */
export function emitSignals(event: SignalsStored): void {
  if (event.signals.length === 0 && event.retracted.length === 0) return;
  for (const listener of emitter.listeners(EVENT) as SignalsListener[]) {
    try {
      listener(event);
    } catch (error) {
      process.emitWarning(`a signals listener failed: ${String(error)}`);
    }
  }
}
