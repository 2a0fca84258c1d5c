/**
 * HL7 v2 escape sequences (v2.5.1 chapter 2.7): the delimiters written inside text as \F\ \S\ \T\ \R\ \E\,
 * plus \Xhh…\ (bytes in hex), \.br\ (a line break) and the highlighting pair \H\ \N\ (dropped).
 */

/** The five encoding characters of a message: MSH-1 and the four of MSH-2. */
export interface Delimiters {
  readonly field: string;
  readonly component: string;
  readonly repetition: string;
  readonly escape: string;
  readonly subcomponent: string;
}

export const STANDARD_DELIMITERS: Delimiters = {
  field: '|',
  component: '^',
  repetition: '~',
  escape: '\\',
  subcomponent: '&',
};

/** Replaces the escape sequences in one leaf value; an unknown or unclosed sequence is kept as written. */
export function unescapeText(text: string, d: Delimiters): string {
  if (!text.includes(d.escape)) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    const close = c === d.escape ? text.indexOf(d.escape, i + 1) : -1;
    if (close < 0) {
      out += c;
      i++;
      continue;
    }
    const code = text.slice(i + 1, close);
    const decoded = decodeSequence(code, d);
    if (decoded === undefined) {
      out += text.slice(i, close + 1);
    } else out += decoded;
    i = close + 1;
  }
  return out;
}

function decodeSequence(code: string, d: Delimiters): string | undefined {
  switch (code) {
    case 'F':
      return d.field;
    case 'S':
      return d.component;
    case 'T':
      return d.subcomponent;
    case 'R':
      return d.repetition;
    case 'E':
      return d.escape;
    case 'H':
    case 'N':
      return '';
    case '.br':
      return '\n';
  }
  if (/^X(?:[0-9A-Fa-f]{2})+$/.test(code)) return Buffer.from(code.slice(1), 'hex').toString('utf8');
  return undefined;
}

/** Writes text so that it survives as one leaf value: the delimiters become escape sequences. */
export function escapeText(text: string, d: Delimiters = STANDARD_DELIMITERS): string {
  let out = '';
  for (const c of text) {
    if (c === d.escape) out += `${d.escape}E${d.escape}`;
    else if (c === d.field) out += `${d.escape}F${d.escape}`;
    else if (c === d.component) out += `${d.escape}S${d.escape}`;
    else if (c === d.subcomponent) out += `${d.escape}T${d.escape}`;
    else if (c === d.repetition) out += `${d.escape}R${d.escape}`;
    else if (c === '\r' || c === '\n') out += `${d.escape}.br${d.escape}`;
    else out += c;
  }
  return out;
}
