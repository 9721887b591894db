// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROW_DIGEST_BYTES, setRowDigest } from '../../src/builder/emit-feed';
import type { FeedRow } from '../../src/builder/feed-model';

type Fields = [webUrl: string | null, video: FeedRow['facts']['video'], refs: string[] | null];

/** A row's digest (see setRowDigest) of one card with these detail fields, as hex. */
function digestOf([webUrl, video, refs]: Fields): string {
  const digests = new Uint8Array(ROW_DIGEST_BYTES);
  setRowDigest(digests, 0, Buffer.from('{"slug":"a"}'), webUrl, video, refs);
  return Buffer.from(digests).toString('hex');
}

describe("a row's digest", () => {
  it('tells apart detail fields whose texts, simply joined, would be the same', () => {
    const pairs: [Fields, Fields][] = [
      [
        [null, null, null], // computed
        [null, null, []], // a source list that named only itself
      ],
      [
        [null, null, []],
        [null, null, ['']],
      ],
      [
        [null, null, ['ab']],
        [null, null, ['a', 'b']],
      ],
      [
        [null, null, ['a:1:b', 'c']],
        [null, null, ['a', '1:b:c']],
      ],
      [
        ['https://a.example/x', null, null],
        [null, null, ['https://a.example/x']],
      ],
      [
        [null, { host: 'youtube', id: 'x' }, null],
        [null, { host: 'vimeo', id: 'x' }, null],
      ],
    ];
    for (const [a, b] of pairs) expect(digestOf(a), JSON.stringify([a, b])).not.toBe(digestOf(b));
  });

  it('is the same for the same fields, and differs for any others', () => {
    // Short texts of separators and digits, where boundaries are easiest to confuse: thousands
    // of them, so that many pairs would meet under a weaker encoding.
    const text = fc.string({ unit: fc.constantFrom('a', ':', '1', '"', '-'), maxLength: 4 });
    const fields = fc.tuple(fc.option(text), fc.constant(null), fc.option(fc.array(text, { maxLength: 3 })));
    const seen = new Map<string, string>();
    for (const sample of fc.sample(fields, { numRuns: 20_000, seed: 7 })) {
      const key = JSON.stringify(sample);
      const digest = digestOf(sample as Fields);
      expect(digestOf(sample as Fields)).toBe(digest);
      const other = seen.get(digest);
      if (other !== undefined) expect(other).toBe(key);
      seen.set(digest, key);
    }
    expect(seen.size).toBeGreaterThan(5_000);
  });
});
