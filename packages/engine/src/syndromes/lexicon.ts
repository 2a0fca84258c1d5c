import { isLetter } from './normalise.js';
import { CONCEPT_IDS, type ConceptId, type SyndromeRules } from './types.js';

/**
 * Every phrase the rules know, in one character trie, matched longest first: a longer phrase hides the
 * shorter ones inside it (无明显诱因 hides the cue 无, 喷射性呕吐 hides 呕吐, 手足口 hides 手).
 */

/**
 * What a phrase is. One object shape for every kind (V8 keeps the scanner monomorphic): `concepts` is a
 * bit set over CONCEPT_IDS for a term (0 for a symptom no syndrome uses), `language` is set for a cue.
 */
export interface Entry {
  readonly kind: 'term' | 'cue' | 'cue-after' | 'terminator' | 'joiner' | 'pseudo';
  readonly concepts: number;
  readonly language: 'zh' | 'en' | undefined;
  /** An English cue that takes a list (rules' `listCues`). */
  readonly list: boolean;
}

const entry = (kind: Entry['kind'], concepts = 0, language?: 'zh' | 'en', list = false): Entry => ({
  kind,
  concepts,
  language,
  list,
});

/**
 * Keyed by UTF-16 code unit (`charCodeAt`), so that matching makes no one-character string per step. A
 * character outside the BMP is keyed by its code point (≥ 0x10000), which no code unit equals: such
 * phrases never match, as when the trie was keyed by `text[i]`.
 */
interface Node {
  readonly next: Map<number, Node>;
  entry?: Entry;
}

export interface Match {
  readonly entry: Entry;
  readonly end: number;
}

export interface Lexicon {
  /** The longest phrase starting at `start` that stands on English word boundaries, if any. */
  readonly match: (text: string, start: number) => Match | undefined;
}

export const conceptBit = (concept: ConceptId): number => 1 << CONCEPT_IDS.indexOf(concept);

/** Builds the trie; a phrase listed with two different meanings is an error in the rules. */
export function buildLexicon(rules: SyndromeRules): Lexicon {
  const root: Node = { next: new Map() };
  const add = (phrase: string, added: Entry) => {
    let node = root;
    for (const c of phrase) {
      const unit = c.length === 1 ? c.charCodeAt(0) : (c.codePointAt(0) as number);
      let child = node.next.get(unit);
      if (!child) node.next.set(unit, (child = { next: new Map() }));
      node = child;
    }
    const old = node.entry;
    if (old === undefined) node.entry = added;
    else if (old.kind === 'term' && added.kind === 'term')
      node.entry = entry('term', old.concepts | added.concepts);
    else if (old.kind !== added.kind || old.language !== added.language || old.list !== added.list)
      throw new Error(`syndrome rules: "${phrase}" is both a ${old.kind} and a ${added.kind}`);
  };

  for (const group of rules.terms) {
    const concepts = group.concepts.reduce((bits, c) => bits | conceptBit(c), 0);
    for (const term of [...group.zh, ...group.en]) add(term, entry('term', concepts));
  }
  const { negation } = rules;
  for (const language of ['zh', 'en'] as const) {
    for (const cue of negation.before[language])
      add(cue, entry('cue', 0, language, language === 'en' && negation.listCues.includes(cue)));
    for (const word of negation.terminators[language]) add(word, entry('terminator'));
    for (const phrase of negation.pseudo[language]) add(phrase, entry('pseudo'));
    for (const word of rules.listJoiners[language]) add(word, entry('joiner'));
  }
  for (const cue of negation.after) add(cue, entry('cue-after'));

  return {
    match: (text, start) => {
      let node: Node | undefined = root;
      let found: Match | undefined;
      for (let i = start; i < text.length; i++) {
        node = node.next.get(text.charCodeAt(i));
        if (!node) break;
        if (node.entry && !(isLetter(text.charCodeAt(i)) && isLetter(text.charCodeAt(i + 1))))
          found = { entry: node.entry, end: i + 1 };
      }
      return found;
    },
  };
}
