/**
 * A strict little XML reader for the tests (the platform has no XML parser and needs none): elements,
 * double- or single-quoted attributes, text with the five predefined entities and numeric references, one
 * declaration. Anything else — a mismatched or unclosed tag, a stray '<' or '&', text outside the root —
 * throws, so "it parses" means well-formed for what the feed writes.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  readonly text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&([^;]*);|&/g, (whole, name: string | undefined) => {
    if (name === undefined) throw new Error(`bare & in "${text}"`);
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    const value = ENTITIES[name];
    if (value === undefined) throw new Error(`unknown entity ${whole}`);
    return value;
  });
}

export function readXml(source: string): XmlElement {
  let at = 0;
  const rest = () => source.slice(at);
  const skipSpace = () => {
    while (at < source.length && /\s/.test(source[at] as string)) at++;
  };
  if (rest().startsWith('<?xml')) {
    const end = source.indexOf('?>', at);
    if (end < 0) throw new Error('unclosed declaration');
    at = end + 2;
  }
  const element = (): XmlElement => {
    const open = /^<([A-Za-z_][\w.:-]*)/.exec(rest());
    if (!open) throw new Error(`expected an element at ${at}: ${rest().slice(0, 20)}`);
    const name = open[1] as string;
    at += open[0].length;
    const attributes: Record<string, string> = {};
    for (;;) {
      skipSpace();
      if (rest().startsWith('/>')) {
        at += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (rest().startsWith('>')) {
        at += 1;
        break;
      }
      const attribute = /^([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(rest());
      if (!attribute) throw new Error(`bad attribute in <${name}> at ${at}`);
      const key = attribute[1] as string;
      if (key in attributes) throw new Error(`repeated attribute ${key}`);
      attributes[key] = decode(attribute[3] ?? attribute[4] ?? '');
      at += attribute[0].length;
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (at >= source.length) throw new Error(`unclosed <${name}>`);
      if (rest().startsWith('</')) {
        const close = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(rest());
        if (!close || close[1] !== name) throw new Error(`</${close?.[1]}> closes <${name}>`);
        at += close[0].length;
        return { name, attributes, children, text: decode(text) };
      }
      if (rest().startsWith('<')) {
        children.push(element());
        continue;
      }
      const next = source.indexOf('<', at);
      text += source.slice(at, next < 0 ? source.length : next);
      at = next < 0 ? source.length : next;
    }
  };
  skipSpace();
  const root = element();
  skipSpace();
  if (at !== source.length) throw new Error(`content after the root element at ${at}`);
  return root;
}

/** The children named `name`, and the text of the first. */
export const childrenNamed = (e: XmlElement, name: string) => e.children.filter((c) => c.name === name);
export const textOf = (e: XmlElement, name: string) => childrenNamed(e, name)[0]?.text.trim();
