import { compileCondition, type Findings } from './condition.js';
import { buildLexicon } from './lexicon.js';
import { negatedTerms } from './negation.js';
import { makeNormaliser } from './normalise.js';
import { SYNDROME_RULES } from './rules.js';
import { makeTemperatureReader } from './temperature.js';
import { tokenise, type Token } from './tokens.js';
import {
  SYNDROME_IDS,
  type Classification,
  type Condition,
  type SyndromeId,
  type SyndromeRules,
} from './types.js';

export type ComplaintClassifier = (text: string, temperature?: number) => Classification;

/** What a complaint's text says, before a temperature measured at the visit is weighed in. */
export interface ComplaintReading {
  /** The concepts of the terms found and not negated (a bit set over CONCEPT_IDS). */
  readonly concepts: number;
  /** The highest temperature read from the text, in °C. */
  readonly temperature: number | undefined;
  /** Terms found in the text but negated (as normalised). */
  readonly negated: readonly string[];
}

/**
 * A classifier in its two steps: reading the text (the costly part: normalising, the trie, negation,
 * temperatures), which is the same for every visit with the same text and so worth remembering, and
 * deciding the syndromes from a reading and the measured temperature (a few predicates).
 */
export interface ComplaintReader {
  readonly read: (text: string) => ComplaintReading;
  /** The syndromes, as one shared frozen array per distinct set (callers may key a memory on it). */
  readonly syndromes: (reading: ComplaintReading, temperature?: number) => readonly SyndromeId[];
  readonly rulesVersion: string;
}

/** Compiles a rule set once (trie, regular expressions, predicates) into a reader of chief complaints. */
export function makeComplaintReader(rules: SyndromeRules): ComplaintReader {
  const normalise = makeNormaliser(rules.traditionalToSimplified);
  const lexicon = buildLexicon(rules);
  const readTemperature = makeTemperatureReader(rules.temperaturePrefixes, rules.plausibleTemperature);
  const tests = SYNDROME_IDS.map((id) => compileCondition(rules.syndromes[id]));
  const found = new Map<number, readonly SyndromeId[]>();
  // The rules weigh a temperature only against these thresholds, so the syndromes of a set of concepts
  // are the same for every temperature between two of them: decided once per (band, concepts).
  const thresholds = [...new Set(SYNDROME_IDS.flatMap((id) => thresholdsOf(rules.syndromes[id])))].sort(
    (a, b) => a - b,
  );
  const decided = Array.from(
    { length: thresholds.length + 2 },
    () => new Map<number, readonly SyndromeId[]>(),
  );

  const read = (text: string): ComplaintReading => {
    const normalised = normalise(text);
    const tokens = tokenise(normalised, lexicon);
    const negated = negatedTerms(tokens);
    let concepts = 0;
    const negatedText: string[] = [];
    for (let k = 0; k < tokens.length; k++) {
      const token = tokens[k] as Token;
      if (token.kind !== 'term') continue;
      if (!negated[k]) concepts |= token.concepts;
      else {
        const term = normalised.slice(token.start, token.end);
        if (!negatedText.includes(term)) negatedText.push(term);
      }
    }
    return { concepts, temperature: readTemperature(normalised), negated: negatedText };
  };

  const syndromes = (reading: ComplaintReading, given?: number): readonly SyndromeId[] => {
    const temperature = highest(reading, given);
    // band 0: no temperature; 1: below every threshold; 1 + k: at or above the k lowest
    let band = 0;
    if (temperature !== undefined) {
      band = 1;
      for (const threshold of thresholds) if (temperature >= threshold) band++;
    }
    const inBand = decided[band] as Map<number, readonly SyndromeId[]>;
    const known = inBand.get(reading.concepts);
    if (known) return known;
    const findings: Findings = { concepts: reading.concepts, temperature };
    let bits = 0;
    for (let i = 0; i < tests.length; i++)
      if ((tests[i] as (f: Findings) => boolean)(findings)) bits |= 1 << i;
    let list = found.get(bits);
    if (!list) {
      list = Object.freeze(SYNDROME_IDS.filter((_, i) => (bits & (1 << i)) !== 0));
      found.set(bits, list);
    }
    if (inBand.size >= 65_536) inBand.clear(); // bounded, whatever the texts
    inBand.set(reading.concepts, list);
    return list;
  };

  return { read, syndromes, rulesVersion: rules.version };
}

/** The temperatures a condition compares with. */
function thresholdsOf(condition: Condition): number[] {
  if ('any' in condition) return condition.any.flatMap(thresholdsOf);
  if ('all' in condition) return condition.all.flatMap(thresholdsOf);
  if ('temperatureAtLeast' in condition) return [condition.temperatureAtLeast];
  return [];
}

/** The highest of a temperature measured at the visit and those read from the text. */
function highest(reading: ComplaintReading, given: number | undefined): number | undefined {
  const read = reading.temperature;
  const measured = given !== undefined && Number.isFinite(given) ? given : undefined;
  return measured === undefined ? read : read === undefined ? measured : Math.max(measured, read);
}

/**
 * Compiles a rule set once into a classifier of chief complaints. `temperature` is one measured at the
 * visit, in °C; the result's temperature is the highest of it and those read from the text.
 */
export function makeClassifier(rules: SyndromeRules): ComplaintClassifier {
  return classifierOf(makeComplaintReader(rules));
}

function classifierOf(reader: ComplaintReader): ComplaintClassifier {
  return (text, given) => {
    const reading = reader.read(text);
    const result: Mutable<Classification> = {
      syndromes: [...reader.syndromes(reading, given)],
      negated: [...reading.negated],
      rulesVersion: reader.rulesVersion,
    };
    const temperature = highest(reading, given);
    if (temperature !== undefined) result.temperature = temperature;
    return result;
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The reader and classifier of the current rule set (compiled on first use). */
let current: { reader: ComplaintReader; classify: ComplaintClassifier } | undefined;

function currentRules() {
  if (!current) {
    const reader = makeComplaintReader(SYNDROME_RULES);
    current = { reader, classify: classifierOf(reader) };
  }
  return current;
}

/** Classifies one chief complaint, Chinese or English, by the current rule set (rules.ts). */
export function classifyComplaint(text: string, temperature?: number): Classification {
  return currentRules().classify(text, temperature);
}

/** The current rule set's reader (rules.ts), for callers that remember readings per text. */
export function complaintReader(): ComplaintReader {
  return currentRules().reader;
}
