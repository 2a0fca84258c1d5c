import { classifyComplaint, type SyndromeId } from '@shaobing/engine';

/**
 * Chief complaint (and temperature) → syndromes, by the engine's rule-based classifier, remembered per
 * distinct (text, temperature): clinics write the same short complaints over and over (发热、咳嗽 …), and a
 * remembered answer costs a map lookup instead of the classifier's ~5 µs. The memory is bounded (cleared
 * when full) and keyed by the rules' version, which is stored with every visit.
 */

const MAX_REMEMBERED = 50_000;
const remembered = new Map<string, { syndromes: readonly SyndromeId[]; rulesVersion: string }>();

export function syndromesOf(text: string, temperature: number | undefined) {
  const key = temperature === undefined ? text : `${temperature}\u0000${text}`;
  let found = remembered.get(key);
  if (!found) {
    const { syndromes, rulesVersion } = classifyComplaint(text, temperature);
    found = { syndromes, rulesVersion };
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(key, found);
  }
  return found;
}
