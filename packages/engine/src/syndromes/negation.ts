import type { Token } from './tokens.js';

/**
 * Which terms are negated. A cue before terms (无, 否认, no, denies) negates every term after it up to
 * the end of its scope; a cue after a term (发热(-), cough: no, fever resolved) negates that term alone.
 *
 * The scope ends at a clause break (。 . ; ! ? newline), a terminator word (但, 伴, 有, but, with, has) or
 * another cue; a list joined by 、 和 及 or / stays inside it, so 无发热、咳嗽 and 无发热咳嗽流涕 negate every
 * term. A comma ends a Chinese cue's scope (无发热，咳嗽3天: the cough is there), as Chinese writes lists with
 * 、 and clauses with ，. An English cue goes on across a comma only through a list — segments of nothing
 * but terms and joiners on both sides — and only when the cue takes lists (denies fever, chills, cough)
 * or the list is closed by a joiner (no fever, chills or cough). So "no fever, cough" and "not febrile,
 * coughing" keep the cough, and "no fever, cough for 3 days" does too.
 *
 * Returns, for each token, whether it is a negated term.
 */
export function negatedTerms(tokens: readonly Token[]): boolean[] {
  const negated = tokens.map(() => false);
  let scope: 'zh' | 'en' | 'en-list' | undefined;
  let listSoFar = true; // the current English segment is only terms and joiners
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k] as Token;
    switch (token.kind) {
      case 'cue':
        scope = token.language === 'zh' ? 'zh' : token.list ? 'en-list' : 'en';
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
        if (
          scope !== undefined &&
          scope !== 'zh' &&
          listSoFar &&
          listGoesOn(tokens, k + 1, scope === 'en-list')
        )
          break;
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

/**
 * Whether the comma-separated segments from `from` go on as a list: the next segment holds a term and
 * only terms and joiners, and — unless the cue takes lists — a joiner closes the list in one of its pure
 * segments before it ends.
 */
function listGoesOn(tokens: readonly Token[], from: number, cueTakesLists: boolean): boolean {
  let first = true;
  let k = from;
  for (;;) {
    let terms = 0;
    let joined = false;
    for (; k < tokens.length; k++) {
      const kind = (tokens[k] as Token).kind;
      if (kind === 'comma' || kind === 'break' || kind === 'terminator') break;
      if (kind === 'term') terms++;
      else if (kind === 'joiner') joined = true;
      else return false;
    }
    if (terms === 0) return false;
    if (cueTakesLists && first) return true;
    if (joined) return true;
    if (tokens[k]?.kind !== 'comma') return false;
    first = false;
    k++;
  }
}
