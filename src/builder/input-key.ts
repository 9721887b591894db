/**
 * Input keys (see FeedWriter.writeParts): a hash of everything an output file is made of, which
 * the output record keeps instead of a hash of the file's bytes. Made from the rows' digests
 * (see BuildDigest) as bytes in one reused buffer, and hashed once: at 100k files, keys made as
 * text (base64 card digests, JSON of the detail fields, concatenated) cost the main thread ~1 s.
 */
import { ByteBuffer } from './byte-buffer';
import { contentHash } from './cache-files';

/** What a part of a key is, so that no two sequences of parts give the same bytes. */
const DIGEST = 1;
const TEXT = 2;
const FLAG = 3;

export class InputKey extends ByteBuffer {
  constructor() {
    super(1 << 12);
  }

  /** A new key, empty. */
  start(): this {
    this.used = 0;
    return this;
  }

  /** `length` bytes of `digests` from `offset` (a row's digest, or its card's part). */
  digest(digests: Uint8Array, offset: number, length: number): this {
    this.room(1 + length);
    const buffer = this.buffer;
    buffer[this.used++] = DIGEST;
    // Byte by byte: a view per digest (~200k at 100k files) costs more than the copy.
    for (let k = 0; k < length; k++) buffer[this.used + k] = digests[offset + k]!;
    this.used += length;
    return this;
  }

  /** A text, with its length. */
  text(text: string): this {
    const length = Buffer.byteLength(text);
    this.room(5 + length);
    this.buffer[this.used] = TEXT;
    this.buffer.writeUInt32BE(length, this.used + 1);
    this.used += 5 + this.buffer.write(text, this.used + 5);
    return this;
  }

  flag(on: boolean): this {
    this.room(2);
    this.buffer[this.used++] = FLAG;
    this.buffer[this.used++] = on ? 1 : 0;
    return this;
  }

  /** The key: a hash of the parts given since `start`. */
  hash(): string {
    return contentHash(this.bytes());
  }
}
