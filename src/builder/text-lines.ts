/**
 * A list of strings kept as UTF-8 text, a string a line, as the build state saves it, with
 * where each line begins. A rebuild that needs a few of 100k paths or slugs decodes those alone
 * (all of the paths cost ~90 ms and ~15 MB of strings), and a list saved again as it was read is
 * written from the same bytes.
 */
export class TextLines {
  private text: Buffer | null;
  private values: readonly string[] | null;
  private lineStarts: Int32Array | null;

  private constructor(text: Buffer | null, values: readonly string[] | null, starts: Int32Array | null) {
    this.text = text;
    this.values = values;
    this.lineStarts = starts;
  }

  /**
   * Lines of UTF-8 bytes (no bytes: no line), and where they begin if known (as `starts` gives
   * them); neither is copied, and they must not change.
   */
  static fromBytes(bytes: Uint8Array, starts: Int32Array | null = null): TextLines {
    return new TextLines(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), null, starts);
  }

  /** Strings, none holding a newline. */
  static of(values: readonly string[]): TextLines {
    return new TextLines(null, values, null);
  }

  get length(): number {
    return this.values ? this.values.length : this.starts().length - 1;
  }

  /** The string at `index`; throws past the end. */
  at(index: number): string {
    if (!(Number.isInteger(index) && index >= 0 && index < this.length)) {
      throw new RangeError(`no line ${index} of ${this.length}`);
    }
    if (this.values) return this.values[index]!;
    const starts = this.starts();
    return this.text!.toString('utf8', starts[index]!, starts[index + 1]! - 1);
  }

  /** Whether `value` is one of the lines: searched for in the bytes, none decoded. */
  includes(value: string): boolean {
    // An empty line is no bytes, found anywhere: looked for among the strings.
    if (this.values || value === '') return this.toArray().includes(value);
    const text = this.bytes() as Buffer;
    const needle = Buffer.from(value, 'utf8');
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      if ((at === 0 || text[at - 1] === NEWLINE) && (end === text.length || text[end] === NEWLINE)) return true;
    }
    return false;
  }

  /** All of them, decoded once. */
  toArray(): readonly string[] {
    this.values ??= this.text!.length === 0 ? [] : this.text!.toString('utf8').split('\n');
    return this.values;
  }

  /** The UTF-8 text, encoded once. */
  bytes(): Uint8Array {
    this.text ??= Buffer.from(this.values!.join('\n'), 'utf8');
    return this.text;
  }

  /**
   * `count` lines, each this list's line at the index `pick` gives, or a new string: the bytes of
   * this list's lines are copied as they are, in runs, never decoded and encoded again.
   */
  mapped(count: number, pick: (index: number) => number | string): TextLines {
    this.bytes();
    const text = this.text!;
    const starts = this.starts();
    const picks = Array.from({ length: count }, (_, i) => pick(i));
    const lengthOf = (picked: number | string) =>
      typeof picked === 'number' ? starts[picked + 1]! - 1 - starts[picked]! : Buffer.byteLength(picked);
    const newStarts = new Int32Array(count + 1);
    for (let i = 0, at = 0; i <= count; i++) {
      newStarts[i] = at;
      if (i < count) at += lengthOf(picks[i]!) + 1;
    }
    if (count === 0) newStarts[0] = 1;
    const bytes = Buffer.allocUnsafe(Math.max(0, newStarts[count]! - 1));
    for (let i = 0; i < count;) {
      const picked = picks[i]!;
      if (typeof picked === 'string') {
        bytes.write(picked, newStarts[i]!, 'utf8');
        i++;
      } else {
        // A run of this list's lines in order: one copy, the newlines between them included.
        let end = i + 1;
        while (end < count && picks[end] === picked + (end - i)) end++;
        text.copy(bytes, newStarts[i]!, starts[picked]!, starts[picked + (end - i)]! - 1);
        i = end;
      }
      if (i < count) bytes[newStarts[i]! - 1] = NEWLINE;
    }
    return new TextLines(bytes, null, newStarts);
  }

  /** Where each line begins in `bytes()`, and one past the end of the last (as if a newline followed it). */
  starts(): Int32Array {
    if (this.lineStarts) return this.lineStarts;
    const text = this.bytes();
    let count = text.length === 0 ? 0 : 1;
    for (let at = text.indexOf(NEWLINE); at >= 0; at = text.indexOf(NEWLINE, at + 1)) count++;
    const starts = new Int32Array(count + 1);
    for (let line = 1, at = text.indexOf(NEWLINE); at >= 0; at = text.indexOf(NEWLINE, at + 1)) starts[line++] = at + 1;
    starts[count] = text.length + 1;
    this.lineStarts = starts;
    return starts;
  }
}

const NEWLINE = 0x0a;
