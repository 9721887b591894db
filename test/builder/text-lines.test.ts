// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { TextLines } from '../../src/builder/text-lines';

const values = ['news/2024/a.md', 'news/2024/é-ü.md', '', 'news/2025/b.md'];
const bytesOf = (list: readonly string[]) => new TextEncoder().encode(list.join('\n'));

describe('lines of text kept as the build state saves them', () => {
  it('gives each line, its count and all of them, from bytes as from strings', () => {
    for (const lines of [TextLines.fromBytes(bytesOf(values)), TextLines.of(values)]) {
      expect(lines.length).toBe(values.length);
      expect(values.map((_, i) => lines.at(i))).toEqual(values);
      expect(lines.toArray()).toEqual(values);
      expect([...lines.bytes()]).toEqual([...bytesOf(values)]);
    }
  });

  it('reads the lines where the bytes lie, as in a shared buffer past other bytes', () => {
    const bytes = bytesOf(values);
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length + 8), 3, bytes.length);
    shared.set(bytes);
    const lines = TextLines.fromBytes(shared);
    expect(lines.at(1)).toBe('news/2024/é-ü.md');
    expect(lines.at(3)).toBe('news/2025/b.md');
    expect(lines.toArray()).toEqual(values);
  });

  it('knows where each line begins, and reads the lines where it is told they begin', () => {
    const bytes = bytesOf(values);
    const starts = TextLines.of(values).starts();
    // 'é' and 'ü' are two bytes each.
    expect([...starts]).toEqual([0, 15, 34, 35, 50]);
    expect([...TextLines.fromBytes(bytes).starts()]).toEqual([...starts]);
    const lines = TextLines.fromBytes(bytes, starts);
    expect(lines.length).toBe(values.length);
    expect(values.map((_, i) => lines.at(i))).toEqual(values);
  });

  it('makes new lines of its own, kept in runs, and new strings, as the strings would be', () => {
    const pickings: (number | string)[][] = [
      [0, 1, 2, 3],
      ['new/first.md', 0, 1, 'ñew/between.md', 2, 3, 'new/last.md'],
      [3, 1, 0],
      [1, 2],
      ['only/new.md'],
      [],
      [2, 3, 0, 1],
    ];
    for (const from of [TextLines.fromBytes(bytesOf(values)), TextLines.of(values)]) {
      for (const picks of pickings) {
        const strings = picks.map((pick) => (typeof pick === 'number' ? values[pick]! : pick));
        const lines = from.mapped(picks.length, (i) => picks[i]!);
        // Saved in pieces, before anything joins them.
        expect([...lines.starts()]).toEqual([...TextLines.of(strings).starts()]);
        expect([...Buffer.concat(lines.parts())]).toEqual([...bytesOf(strings)]);
        expect(lines.toArray()).toEqual(strings);
        expect(lines.parts()).toEqual([lines.bytes()]);
        expect([...lines.bytes()]).toEqual([...bytesOf(strings)]);
        expect([...lines.starts()]).toEqual([...TextLines.of(strings).starts()]);
        expect(strings.map((_, i) => lines.at(i))).toEqual(strings);
      }
    }
  });

  it('keeps a run of its lines as a view of its bytes, not a copy', () => {
    const bytes = bytesOf(values);
    const parts = TextLines.fromBytes(bytes)
      .mapped(values.length + 1, (i) => (i < 2 ? i : i === 2 ? 'new.md' : i - 1))
      .parts();
    expect(parts.map((part) => Buffer.from(part).toString())).toEqual([
      `${values[0]}\n${values[1]}`,
      '\n',
      'new.md',
      '\n',
      values.slice(2).join('\n'),
    ]);
    for (const k of [0, 4]) expect(parts[k]!.buffer).toBe(bytes.buffer);
  });

  it('finds the lines that begin with a prefix, decoding only those', () => {
    const slugs = ['news', 'news-2', 'a-news-3', 'news-10', 'newsroom', 'é-news'];
    for (const lines of [TextLines.fromBytes(bytesOf(slugs)), TextLines.of(slugs)]) {
      expect(lines.startingWith('news-')).toEqual(['news-2', 'news-10']);
      expect(lines.startingWith('news')).toEqual(['news', 'news-2', 'news-10', 'newsroom']);
      expect(lines.startingWith('é-')).toEqual(['é-news']);
      expect(lines.startingWith('x')).toEqual([]);
    }
  });

  it('finds a whole line among its bytes, not a part of one', () => {
    for (const lines of [TextLines.fromBytes(bytesOf(values)), TextLines.of(values)]) {
      for (const value of values) expect(lines.includes(value)).toBe(true);
      for (const value of ['news', '2024/a.md', 'news/2024/a.m', 'news/2025/b.md\n', 'x']) {
        expect(lines.includes(value)).toBe(false);
      }
    }
    expect(TextLines.fromBytes(bytesOf(['a-b', 'b', 'ab'])).includes('b')).toBe(true);
    expect(TextLines.fromBytes(bytesOf(['a-b', 'ab'])).includes('b')).toBe(false);
    expect(TextLines.fromBytes(bytesOf(['a', 'b'])).includes('')).toBe(false);
  });

  it('tells where a whole line is, as the strings would, in bytes, strings and pieces', () => {
    const lines = ['b/x.md', 'a/é.md', 'a/é.md.bak', 'c/x.md', 'b/x.md'];
    const mapped = TextLines.fromBytes(bytesOf(lines.slice(0, 3))).mapped(5, (i) => (i < 3 ? i : lines[i]!));
    for (const from of [TextLines.fromBytes(bytesOf(lines)), TextLines.of(lines), mapped]) {
      for (const value of [...lines, 'x.md', 'a/é', '/x.md', 'd.md'])
        expect(from.indexOf(value)).toBe(lines.indexOf(value));
      expect(from.startingWith('a/é')).toEqual(['a/é.md', 'a/é.md.bak']);
      expect(from.startingWith('b/')).toEqual(['b/x.md', 'b/x.md']);
    }
    // Searched piece by piece: the pieces are still not joined (~10 MB of paths at 100k).
    expect(mapped.parts().length).toBeGreaterThan(1);
  });

  it('has no line in no bytes, and none past the end', () => {
    expect(TextLines.fromBytes(new Uint8Array(0)).length).toBe(0);
    expect(TextLines.fromBytes(new Uint8Array(0)).toArray()).toEqual([]);
    for (const lines of [TextLines.fromBytes(bytesOf(values)), TextLines.of(values)]) {
      expect(() => lines.at(values.length)).toThrow(RangeError);
      expect(() => lines.at(-1)).toThrow(RangeError);
    }
  });
});
