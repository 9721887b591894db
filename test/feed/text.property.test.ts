// @vitest-environment node
/**
 * tokenize splits words by hand for speed; it must split exactly as the regular expression it
 * replaced, on any text: the builder indexes and the reader queries with it, so a difference
 * would lose search results.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distinctTerms, termShardKey, tokenize } from '../../src/feed/text';

const STOP_WORDS = new Set(
  'a an and are as at be by for from has have in is it its of on or that the this to was were will with'.split(' '),
);

/** The definition: NFKD, marks removed, lower-cased, runs of letters and digits, 2+ units, no stop words. */
function reference(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  return (folded.match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word.length >= 2 && !STOP_WORDS.has(word));
}

/** Pieces that stress the hand-written split: accents, ligatures, astral letters, lone surrogates. */
const piece = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom(
    'é',
    'É',
    'ﬁ',
    'İ',
    'ß',
    '²',
    '½',
    '𝐀𝐁',
    '😀',
    '\ud83d',
    '\ude00',
    '’',
    '\u00a0',
    'Ⅻ',
    '日本語',
    '٣',
    'K',
    '̀',
    ' ',
    '-',
    'the',
    'AI',
  ),
  fc.stringMatching(/^[A-Za-z0-9 .,'-]{1,8}$/),
);

describe('tokenize', () => {
  it('splits any text as /[\\p{L}\\p{N}]+/gu does', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect(tokenize(text)).toEqual(reference(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives each term once, in order of first appearance', () => {
    expect(distinctTerms('Power Apps: the power of apps, Café 2024')).toEqual(['power', 'apps', 'cafe', '2024']);
  });
});

describe('termShardKey', () => {
  /** The key as the reader has always found it: the first two code points, spelled out unless ASCII. */
  const spelledOut = (term: string) => {
    const head = [...term].slice(0, 2).join('');
    return /^[a-z0-9]{2}$/.test(head) ? head : 'u' + [...head].map((ch) => ch.codePointAt(0)!.toString(16)).join('-');
  };

  it('is the first two characters of a term that starts with two ASCII letters or digits, else their code points', () => {
    expect(['power', '2024', 'a', 'été', 'aé', '𝔸pps'].map(termShardKey)).toEqual([
      'po',
      '20',
      'u61',
      'ue9-74',
      'u61-e9',
      'u1d538-70',
    ]);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (term) => {
        expect(termShardKey(term)).toBe(spelledOut(term));
      }),
      { numRuns: 2000 },
    );
  });
});
