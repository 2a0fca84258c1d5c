import type { LevelFacts } from '@shaobing/engine';
import type { AlertRule } from '../config/schema.js';
import type { EvidenceItem } from './evidence.js';

/**
 * What a rule hands to the alert store when it fires: the family and place the alert is kept under, the
 * facts the colour level is decided from, the evidence, and the reason in both languages. `key` makes the
 * firing idempotent: evaluating the same data again yields the same key, and the store keeps one.
 */
export interface Trigger {
  readonly rule: AlertRule;
  readonly family: string;
  readonly placeCode: string;
  readonly key: string;
  /** The data time the evidence covers, 'YYYY-MM-DD'. */
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly channels: readonly string[];
  readonly facts: LevelFacts;
  readonly evidence: readonly EvidenceItem[];
  readonly reason: { readonly zh: string; readonly en: string };
  /**
   * What this firing measures and how strongly: while the alert is open, a firing of the same rule and scope
   * that is no stronger than one already absorbed adds nothing (a cluster of 12 seen again as 11 as its first
   * days leave the window).
   */
  readonly scope?: { readonly key: string; readonly strength: number } | undefined;
  /** `Date.now()` when the data behind it was committed, if known (for the delay figures). */
  readonly dataCommittedAt?: number | undefined;
}
