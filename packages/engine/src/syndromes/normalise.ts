/**
 * Puts a complaint into the one form the rules are written in: NFKC (full-width digits, letters and
 * punctuation to ASCII: ３８.５ → 38.5, （-） → (-), ℃ → °C), lower case, simplified characters, runs of
 * spaces and tabs as one space, and a hyphen between letters as a space (flu-like → flu like).
 */
export function makeNormaliser(traditionalToSimplified: string): (text: string) => string {
  const simplified = new Map<string, string>();
  for (const pair of traditionalToSimplified.split(/\s+/)) {
    const [from, to] = [...pair];
    if (from !== undefined && to !== undefined && from !== to) simplified.set(from, to);
  }
  const escaped = [...simplified.keys()].join('');
  // Most complaints need none of the character work below: test once and skip it.
  const needsWork = new RegExp(`[\\t\\r\\u3000${escaped}-]| {2}`);
  return (text) => {
    const source = alreadyNormal(text) ? text : text.normalize('NFKC').toLowerCase();
    if (!needsWork.test(source)) return source.trim();
    let out = '';
    let space = false;
    for (let i = 0; i < source.length; i++) {
      let c = source[i] as string;
      if (c === ' ' || c === '\t' || c === '\u3000') {
        space = out.length > 0;
        continue;
      }
      if (c === '\r') c = '\n';
      else if (c === '-' && isLetter(source.charCodeAt(i - 1)) && isLetter(source.charCodeAt(i + 1))) {
        space = true;
        continue;
      } else c = simplified.get(c) ?? c;
      if (space) out += ' ';
      space = false;
      out += c;
    }
    return out;
  };
}

/**
 * Whether NFKC and lower-casing leave the text as it is: it holds only ASCII other than A–Z, CJK unified
 * ideographs (U+4E00–U+9FFF, none of which decompose) and 、。 — most clinic complaints (发热、咳嗽3天).
 */
export function alreadyNormal(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 ? c >= 65 && c <= 90 : !((c >= 0x4e00 && c <= 0x9fff) || c === 0x3001 || c === 0x3002)) {
      return false;
    }
  }
  return true;
}

/** a–z: English words are matched whole, so a term must not start or end inside one. */
export function isLetter(code: number): boolean {
  return code >= 97 && code <= 122;
}
