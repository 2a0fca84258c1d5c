import type { Entry, Lexicon } from './lexicon.js';
import { isLetter } from './normalise.js';

/**
 * A normalised complaint as a sequence of tokens: the phrases the rules know, clause punctuation, and
 * `other` for anything else (words and numbers the rules do not know). Spaces are not tokens.
 */
export interface Token {
  readonly kind: Entry['kind'] | 'break' | 'comma' | 'other';
  readonly start: number;
  readonly end: number;
  /** A term's concepts (see Entry); 0 for every other kind. */
  readonly concepts: number;
  /** A cue's language. */
  readonly language: 'zh' | 'en' | undefined;
  /** A cue that takes a list. */
  readonly list: boolean;
}

/** Clause ends: a negation never reaches past one. A full stop between digits is a decimal point. */
const BREAKS = new Set(['.', ';', '!', '?', '\n', '。', '|']);

export function tokenise(text: string, lexicon: Lexicon): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ') {
      i++;
      continue;
    }
    const code = text.charCodeAt(i);
    const midWord = isLetter(code) && isLetter(text.charCodeAt(i - 1));
    const found = midWord ? undefined : lexicon.match(text, i);
    if (found) {
      const { kind, concepts, language, list } = found.entry;
      tokens.push({ kind, start: i, end: found.end, concepts, language, list });
      i = found.end;
    } else if (isLetter(code)) {
      let end = i + 1;
      while (isLetter(text.charCodeAt(end))) end++;
      tokens.push({ kind: 'other', start: i, end, concepts: 0, language: undefined, list: false });
      i = end;
    } else {
      const decimal = c === '.' && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1));
      const kind = c === ',' ? 'comma' : BREAKS.has(c) && !decimal ? 'break' : 'other';
      tokens.push({ kind, start: i, end: i + 1, concepts: 0, language: undefined, list: false });
      i++;
    }
  }
  return tokens;
}

const isDigit = (code: number) => code >= 48 && code <= 57;
