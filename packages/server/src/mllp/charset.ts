import iconv from 'iconv-lite';

/**
 * Character sets of HL7 messages (MSH-18, HL7 table 0211). GB 18030 (and GBK, GB 2312, which it contains)
 * is common in Chinese hospital systems; 8859/1 is Latin-1; anything else, or nothing, is read as UTF-8.
 * MSH-18 is found in the raw bytes (the header is ASCII in all of them).
 *
 * Acknowledgements answer in the message's own character set when it is UTF-8 or a GB one, so that a
 * sender that only reads GB 18030 can read the reason in Chinese; the ACK's MSH-18 repeats the sender's
 * name for it. A Latin-1 sender gets UTF-8 (a Chinese reason does not fit in Latin-1), and MSH-18 of the
 * ACK says `UNICODE UTF-8`. Node reads GB 18030 (TextDecoder) but cannot write it; iconv-lite does.
 */
export type Encoding = 'utf-8' | 'gb18030' | 'latin1';

export interface Hl7Charset {
  readonly encoding: Encoding;
  /** MSH-18 as the message wrote it ('' when absent). */
  readonly declared: string;
}

export function decodeHl7(bytes: Buffer, charset: Hl7Charset = charsetOf(bytes)): string {
  return new TextDecoder(charset.encoding).decode(bytes);
}

export function charsetOf(bytes: Buffer): Hl7Charset {
  const firstSegment =
    bytes
      .subarray(0, Math.min(bytes.length, 2048))
      .toString('latin1')
      .split(/[\r\n]/)[0] ?? '';
  const separator = firstSegment[3];
  if (!firstSegment.startsWith('MSH') || separator === undefined) return { encoding: 'utf-8', declared: '' };
  // parts[0] is 'MSH' and parts[1] is MSH-2, so MSH-n is parts[n - 1].
  const declared = (firstSegment.split(separator)[17] ?? '').split(/[~^]/)[0]?.trim() ?? '';
  const name = declared.toUpperCase();
  if (/^GB ?(18030|K|2312)/.test(name)) return { encoding: 'gb18030', declared };
  if (name === '8859/1') return { encoding: 'latin1', declared };
  return { encoding: 'utf-8', declared };
}

/** The acknowledgement's bytes for a message in `charset`, and the MSH-18 it carries. */
export function ackCharset(charset: Hl7Charset): {
  readonly msh18: string;
  readonly encode: (text: string) => Buffer;
} {
  if (charset.encoding === 'gb18030') {
    return { msh18: charset.declared, encode: (text) => iconv.encode(text, 'gb18030') };
  }
  return { msh18: 'UNICODE UTF-8', encode: (text) => Buffer.from(text, 'utf8') };
}
