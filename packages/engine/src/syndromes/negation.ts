import type { Token } from './tokens.js';

/**
 * Which terms are negated. A cue before terms (无, 否认, no, denies) negates every term after it up to
 * the end of its scope; a cue after a term (发热(-), cough: no) negates that term alone.
 *
 * The scope ends at a clause break (。 . ; ! ? newline), a terminator word (但, 伴, 有, but, with, has) or
 * another cue; a list joined by 、 和 及 or / stays inside it, so 无发热、咳嗽 and 无发热咳嗽流涕 negate every
 * term. A comma ends a Chinese cue's scope (无发热，咳嗽3天: the cough is there), as Chinese writes lists with
 * 、 and clauses with ，. An English cue goes on across a comma only through a pure list — terms and
 * joiners on both sides of the comma — as in "denies fever, chills, or cough"; "no fever, cough for 3 days"
 * keeps the cough.
 *
 * Returns, for each token, whether it is a negated term.
 */
export function negatedTerms(tokens: readonly Token[]): boolean[] {
  const negated = tokens.map(() => false);
  let scope: 'zh' | 'en' | undefined;
  let listSoFar = true; // the current English segment is only terms and joiners
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k] as Token;
    switch (token.kind) {
      case 'cue':
        scope = token.language;
        listSoFar = true;
        break;
      case 'term':
        if (scope !== undefined || tokens[k + 1]?.kind === 'cue-after') negated[k] = true;
        break;
      case 'break':
      case 'terminator':
        scope = undefined;
        break;
      case 'comma':
        if (scope === 'en' && listSoFar && isPureList(tokens, k + 1)) break;
        scope = undefined;
        break;
      case 'other':
      case 'pseudo':
      case 'cue-after':
        listSoFar = false;
        break;
      case 'joiner':
        break;
    }
  }
  return negated;
}

/** Whether the segment from `from` to the next comma or clause end holds a term and only terms and joiners. */
function isPureList(tokens: readonly Token[], from: number): boolean {
  let terms = 0;
  for (let k = from; k < tokens.length; k++) {
    const kind = (tokens[k] as Token).kind;
    if (kind === 'comma' || kind === 'break' || kind === 'terminator') break;
    if (kind === 'term') terms++;
    else if (kind !== 'joiner') return false;
  }
  return terms > 0;
}
