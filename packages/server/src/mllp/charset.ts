/**
 * The text of an HL7 message from its bytes, in the character set its MSH-18 names (HL7 table 0211):
 * GB 18030 (and GBK, GB 2312, which it contains) is common in Chinese hospital systems; 8859/1 is Latin-1;
 * anything else, or nothing, is read as UTF-8. MSH-18 is found in the raw bytes (the header is ASCII).
 */
export function decodeHl7(bytes: Buffer): string {
  return new TextDecoder(charsetOf(bytes)).decode(bytes);
}

export function charsetOf(bytes: Buffer): string {
  const firstSegment =
    bytes
      .subarray(0, Math.min(bytes.length, 2048))
      .toString('latin1')
      .split(/[\r\n]/)[0] ?? '';
  const separator = firstSegment[3];
  if (!firstSegment.startsWith('MSH') || separator === undefined) return 'utf-8';
  // parts[0] is 'MSH' and parts[1] is MSH-2, so MSH-n is parts[n - 1].
  const name = (firstSegment.split(separator)[17] ?? '').split(/[~^]/)[0]?.trim().toUpperCase() ?? '';
  if (/^GB ?(18030|K|2312)/.test(name)) return 'gb18030';
  if (name === '8859/1') return 'latin1';
  return 'utf-8';
}
