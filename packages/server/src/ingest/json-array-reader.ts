/**
 * A streaming reader of one JSON array: fed text chunk by chunk, it returns each element as soon as the
 * element is complete, so a large body is never held whole. It follows strings and nesting to find where
 * an element ends, then hands that slice to JSON.parse; a malformed element is reported by itself and the
 * reader goes on with the next one.
 */

export type JsonElement = { readonly value: unknown } | { readonly error: string };

export class NotAnArray extends Error {
  override readonly name = 'NotAnArray';
}

export class JsonArrayReader {
  private buffer = '';
  /** Scan position in `buffer`, and where the current element starts (-1: between elements). */
  private pos = 0;
  private elementStart = -1;
  private depth = 0; // nesting inside the current element
  private inString = false;
  private opened = false;
  private closed = false;

  push(text: string): JsonElement[] {
    this.buffer += text;
    const out: JsonElement[] = [];
    const b = this.buffer;
    let i = this.pos;
    if (!this.opened) {
      while (i < b.length && isSpace(b.charCodeAt(i))) i++;
      if (i < b.length && b.charCodeAt(i) === 0xfeff) i++;
      if (i >= b.length) return this.keep(i, out);
      if (b[i] !== '[') throw new NotAnArray('the body is not a JSON array');
      this.opened = true;
      i++;
    }
    // The scanner's state in locals while it runs (written back at the end of the chunk).
    let { depth, inString, closed } = this;
    const n = b.length;
    for (; i < n && !closed; i++) {
      if (inString) {
        // Most of a body is strings (keys and values): jump to the next quote rather than step to it,
        // and tell an escaped quote by the backslashes before it (which the buffer still holds when a
        // chunk ended between them).
        const quote = b.indexOf('"', i);
        if (quote === -1) {
          i = n;
          break;
        }
        i = quote;
        if (backslashesBefore(b, quote) % 2 === 0) inString = false;
        continue;
      }
      const c = b.charCodeAt(i);
      if (this.elementStart === -1) {
        if (isSpace(c) || c === 44) continue; // between elements
        if (c === 93) {
          closed = true;
          continue;
        }
        this.elementStart = i;
      }
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93 || c === 44) {
        if (depth > 0 && c !== 44) {
          depth--;
          if (depth === 0) this.finish(b, i + 1, out);
        } else if (depth === 0) {
          // A scalar element ends at ',' or at the array's ']'.
          this.finish(b, i, out);
          if (c === 93) closed = true;
        }
      }
    }
    Object.assign(this, { depth, inString, closed });
    return this.keep(i, out);
  }

  /** At the end of the body: an element cut off, or a missing `]`, is reported as an error. */
  end(): JsonElement[] {
    const rest = this.elementStart === -1 ? '' : this.buffer.slice(this.elementStart).trim();
    this.buffer = '';
    if (!this.opened) throw new NotAnArray('the body is empty');
    if (rest !== '') {
      // A scalar running to the end (no ']') may still be whole: JSON.parse decides.
      return [parseElement(rest)];
    }
    return this.closed ? [] : [{ error: 'the array is not closed (body truncated?)' }];
  }

  private finish(b: string, end: number, out: JsonElement[]) {
    out.push(parseElement(b.slice(this.elementStart, end)));
    this.elementStart = -1;
  }

  /** Drops what was consumed, keeping the unfinished element. */
  private keep(i: number, out: JsonElement[]): JsonElement[] {
    const from = this.elementStart === -1 ? i : this.elementStart;
    this.buffer = this.buffer.slice(from);
    this.pos = i - from;
    if (this.elementStart !== -1) this.elementStart = 0;
    return out;
  }
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * How many backslashes stand right before `end`: an odd number escapes what follows. Inside a string the
 * run cannot reach past its opening quote, and the buffer holds the whole of the current element.
 */
function backslashesBefore(b: string, end: number): number {
  let k = end - 1;
  while (k >= 0 && b.charCodeAt(k) === 92) k--;
  return end - 1 - k;
}

function parseElement(text: string): JsonElement {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
