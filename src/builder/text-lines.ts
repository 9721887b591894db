/**
 * A list of strings kept as UTF-8 text, a string a line, as the build state saves it, with
 * where each line begins. A rebuild that needs a few of 100k paths or slugs decodes those alone
 * (all of the paths cost ~90 ms and ~15 MB of strings), and a list saved again as it was read is
 * written from the same bytes.
 */
import { lowerBound } from './lists';

export class TextLines {
  private text: Buffer | null;
  private values: readonly string[] | null;
  private lineStarts: Int32Array | null;
  /** The text in pieces (see mapped), joined into `text` once it is read. */
  private pieces: readonly Uint8Array[] | null = null;

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
    return (this.bytes() as Buffer).toString('utf8', starts[index]!, starts[index + 1]! - 1);
  }

  /** Whether `value` is one of the lines: searched for in the bytes, none decoded. */
  includes(value: string): boolean {
    return this.indexOf(value) >= 0;
  }

  /** The index of the first line that is `value`, or -1: searched for in the bytes, none decoded. */
  indexOf(value: string): number {
    // An empty line is no bytes, found anywhere: looked for among the strings.
    if (this.values || value === '') return this.toArray().indexOf(value);
    const length = Buffer.byteLength(value);
    for (const { piece, at, offset } of this.linesStartingWith(value)) {
      // A piece holds whole lines: one that ends with it ends there.
      if (at + length === piece.length || piece[at + length] === NEWLINE) {
        const starts = this.starts();
        return lowerBound(starts, 0, starts.length - 1, offset + at);
      }
    }
    return -1;
  }

  /** The lines that begin with `prefix` (not empty), found in the bytes: only they are decoded. */
  startingWith(prefix: string): string[] {
    if (this.values || prefix === '') return this.toArray().filter((value) => value.startsWith(prefix));
    return Array.from(this.linesStartingWith(prefix), ({ piece, at }) => {
      const end = piece.indexOf(NEWLINE, at);
      return piece.toString('utf8', at, end < 0 ? piece.length : end);
    });
  }

  /**
   * Each line that begins with `prefix` (not empty): the piece of the text it lies in (see
   * mapped; pieces are never joined for this), where in it, and where that piece begins.
   */
  private *linesStartingWith(prefix: string): Generator<{ piece: Buffer; at: number; offset: number }> {
    const needle = Buffer.from(prefix, 'utf8');
    let offset = 0;
    for (const part of this.parts()) {
      const piece = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
      // Every piece begins a line (a piece holds whole lines, or is the newline between two).
      for (let at = piece.indexOf(needle); at >= 0; at = piece.indexOf(needle, at + 1)) {
        if (at === 0 || piece[at - 1] === NEWLINE) yield { piece, at, offset };
      }
      offset += piece.length;
    }
  }

  /** All of them, decoded once. */
  toArray(): readonly string[] {
    if (this.values) return this.values;
    const text = this.bytes() as Buffer;
    this.values = text.length === 0 ? [] : text.toString('utf8').split('\n');
    return this.values;
  }

  /** The UTF-8 text, encoded or joined once. */
  bytes(): Uint8Array {
    if (this.pieces) {
      this.text = Buffer.concat(this.pieces);
      this.pieces = null;
    }
    this.text ??= Buffer.from(this.values!.join('\n'), 'utf8');
    return this.text;
  }

  /** The UTF-8 text in pieces, as it is saved: a mapped list's, never joined (~10 MB of paths at 100k). */
  parts(): readonly Uint8Array[] {
    return this.pieces ?? [this.bytes()];
  }

  /**
   * `count` lines, each this list's line at the index `pick` gives, or a new string: this list's
   * lines are kept as they are, runs of them as views of its bytes, never copied, decoded or
   * encoded again (see parts).
   */
  mapped(count: number, pick: (index: number) => number | string): TextLines {
    const text = this.bytes() as Buffer;
    const starts = this.starts();
    const picks = Array.from({ length: count }, (_, i) => pick(i));
    const newStarts = new Int32Array(count + 1);
    const pieces: Uint8Array[] = [];
    for (let i = 0, at = 0; i < count;) {
      if (i > 0) pieces.push(LINE_BREAK);
      const picked = picks[i]!;
      let end = i + 1;
      let piece: Uint8Array;
      if (typeof picked === 'string') {
        piece = Buffer.from(picked, 'utf8');
        newStarts[i] = at;
      } else {
        // A run of this list's lines in order: one view, the newlines between them included.
        while (end < count && picks[end] === picked + (end - i)) end++;
        piece = text.subarray(starts[picked]!, starts[picked + (end - i)]! - 1);
        for (let k = i; k < end; k++) newStarts[k] = at + starts[picked + (k - i)]! - starts[picked]!;
      }
      pieces.push(piece);
      at += piece.length + 1;
      newStarts[end] = at;
      i = end;
    }
    if (count === 0) newStarts[0] = 1;
    const lines = new TextLines(null, null, newStarts);
    lines.pieces = pieces;
    return lines;
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
const LINE_BREAK = new Uint8Array([NEWLINE]);
