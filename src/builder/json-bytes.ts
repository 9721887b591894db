/**
 * JSON written straight into bytes, for the large index files a build or patch writes (the
 * facet index, term shards): mostly integers, hundreds of thousands of them, whose digits go
 * into the buffer with no string per number and no text of the whole file.
 */
import { ByteBuffer } from './byte-buffer';

const COMMA = 0x2c;
const ZERO = 0x30;
const MINUS = 0x2d;
/** An int32's characters, at most (a sign and ten digits). */
const MAX_INT_CHARS = 11;

export class JsonBytes extends ByteBuffer {
  /** Text known to be ASCII (punctuation, keys), one byte a character. */
  ascii(text: string): void {
    this.room(text.length);
    this.used += this.buffer.write(text, this.used, 'latin1');
  }

  text(text: string): void {
    this.room(Buffer.byteLength(text));
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** An int32 as JSON.stringify writes it, at `at`; room for it must have been made. */
  private intAt(value: number, at: number): number {
    const bytes = this.buffer;
    if (value < 0) {
      bytes[at++] = MINUS;
      value = -value;
    }
    const end = at + digitCount(value);
    // Digits from the last: (value / 10) | 0 divides as integers (2 ** 31 / 10 still fits).
    for (let d = end - 1; d >= at; d--) {
      bytes[d] = ZERO + (value % 10);
      value = (value / 10) | 0;
    }
    return end;
  }

  /** Numbers, comma-separated, as in a JSON array; `of(k)` is the k-th, most often an int32. */
  ints(count: number, of: (k: number) => number): void {
    this.room(count * (MAX_INT_CHARS + 1));
    let at = this.used;
    for (let k = 0; k < count; k++) {
      if (k > 0) this.buffer[at++] = COMMA;
      const value = of(k);
      if ((value | 0) === value) {
        at = this.intAt(value, at);
        continue;
      }
      // Past int32 (a heat of 1e12, say) or not an integer: as JSON.stringify writes it.
      this.used = at;
      this.ascii(JSON.stringify(value));
      this.room((count - k) * (MAX_INT_CHARS + 1));
      at = this.used;
    }
    this.used = at;
  }
}

/** Decimal digits of a non-negative int32, or of 2 ** 31. */
function digitCount(value: number): number {
  if (value < 100_000) return value < 10 ? 1 : value < 100 ? 2 : value < 1_000 ? 3 : value < 10_000 ? 4 : 5;
  return value < 1_000_000 ? 6 : value < 10_000_000 ? 7 : value < 100_000_000 ? 8 : value < 1_000_000_000 ? 9 : 10;
}
