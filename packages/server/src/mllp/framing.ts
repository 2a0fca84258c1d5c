/**
 * MLLP framing (HL7 v2 Minimal Lower Layer Protocol, release 2): each message travels as
 * <VT 0x0b> message <FS 0x1c><CR 0x0d>. TCP delivers bytes, not frames: a frame may arrive in several
 * chunks and one chunk may hold several frames, so bytes are gathered until a frame ends. Bytes outside
 * a frame (before a VT) are noise and dropped.
 */
export const START = 0x0b;
const END = Buffer.from([0x1c, 0x0d]);

export function frame(payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  return Buffer.concat([Buffer.from([START]), body, END]);
}

export class MllpDecoder {
  private pending: Buffer = Buffer.alloc(0);

  /** `maxBytes`: a frame larger than this is refused (the connection is closed) rather than buffered. */
  constructor(private readonly maxBytes: number) {}

  /** The frames completed by this chunk, in order; `overflow` when an unfinished frame is too large. */
  push(chunk: Buffer): { frames: Buffer[]; overflow: boolean } {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Buffer[] = [];
    for (;;) {
      const start = this.pending.indexOf(START);
      if (start < 0) {
        this.pending = Buffer.alloc(0);
        break;
      }
      // Search from where the last search stopped would save time only for huge frames; MLLP messages
      // are kilobytes.
      const end = this.pending.indexOf(END, start + 1);
      if (end < 0) {
        this.pending = this.pending.subarray(start);
        if (this.pending.length > this.maxBytes + 3) return { frames, overflow: true };
        break;
      }
      frames.push(this.pending.subarray(start + 1, end));
      this.pending = this.pending.subarray(end + END.length);
    }
    return { frames, overflow: false };
  }
}
