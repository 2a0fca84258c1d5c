import { compileCondition, type Findings } from './condition.js';
import { buildLexicon } from './lexicon.js';
import { negatedTerms } from './negation.js';
import { makeNormaliser } from './normalise.js';
import { SYNDROME_RULES } from './rules.js';
import { makeTemperatureReader } from './temperature.js';
import { tokenise, type Token } from './tokens.js';
import { SYNDROME_IDS, type Classification, type SyndromeId, type SyndromeRules } from './types.js';

export type ComplaintClassifier = (text: string, temperature?: number) => Classification;

/**
 * Compiles a rule set once (trie, regular expressions, predicates) into a classifier of chief complaints.
 * `temperature` is one measured at the visit, in °C; the result's temperature is the highest of it and
 * those read from the text.
 */
export function makeClassifier(rules: SyndromeRules): ComplaintClassifier {
  const normalise = makeNormaliser(rules.traditionalToSimplified);
  const lexicon = buildLexicon(rules);
  const readTemperature = makeTemperatureReader(rules.temperaturePrefixes, rules.plausibleTemperature);
  const syndromes = SYNDROME_IDS.map((id) => ({ id, test: compileCondition(rules.syndromes[id]) }));

  return (text, given) => {
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
    const read = readTemperature(normalised);
    const measured = given !== undefined && Number.isFinite(given) ? given : undefined;
    const temperature =
      measured === undefined ? read : read === undefined ? measured : Math.max(measured, read);
    const findings: Findings = { concepts, temperature };
    const found: SyndromeId[] = [];
    for (const { id, test } of syndromes) if (test(findings)) found.push(id);
    const result: Mutable<Classification> = {
      syndromes: found,
      negated: negatedText,
      rulesVersion: rules.version,
    };
    if (temperature !== undefined) result.temperature = temperature;
    return result;
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The classifier of the current rule set (compiled on first use). */
let current: ComplaintClassifier | undefined;

/** Classifies one chief complaint, Chinese or English, by the current rule set (rules.ts). */
export function classifyComplaint(text: string, temperature?: number): Classification {
  current ??= makeClassifier(SYNDROME_RULES);
  return current(text, temperature);
}
