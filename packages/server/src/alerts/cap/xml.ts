/** A small XML writer: elements with text or children, escaped; enough for CAP and Atom, no dependency. */

export type XmlNode = {
  readonly name: string;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[] | string;
};

export const el = (
  name: string,
  children: readonly (XmlNode | undefined)[] | string,
  attributes?: Readonly<Record<string, string>>,
): XmlNode => ({
  name,
  children: typeof children === 'string' ? children : children.filter((c): c is XmlNode => c !== undefined),
  ...(attributes ? { attributes } : {}),
});

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`,
  );
}

export function renderXml(node: XmlNode, indent = ''): string {
  const attributes = Object.entries(node.attributes ?? {})
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  if (typeof node.children === 'string') {
    return `${indent}<${node.name}${attributes}>${escapeXml(node.children)}</${node.name}>\n`;
  }
  if (node.children.length === 0) return `${indent}<${node.name}${attributes}/>\n`;
  const inner = node.children.map((c) => renderXml(c, `${indent}  `)).join('');
  return `${indent}<${node.name}${attributes}>\n${inner}${indent}</${node.name}>\n`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
