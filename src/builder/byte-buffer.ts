/**
 * Bytes appended into one buffer that doubles when full: for files and keys made of many small
 * parts (a cache shard's entries, an input key's digests), without a buffer per part.
 */
export class ByteBuffer {
  protected buffer: Buffer;
  protected used = 0;

  constructor(initialBytes: number) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  /** What was appended so far (a view: valid until the next append). */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.used);
  }

  /** Make room for `bytes` more. */
  protected room(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + bytes));
    this.buffer.copy(larger, 0, 0, this.used);
    this.buffer = larger;
  }
}
