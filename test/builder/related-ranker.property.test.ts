// @vitest-environment node
/**
 * The rerank set of a rebuild: after some articles' terms change, every article whose ranked
 * related list differs from before must be among rowsToRerank's rows (a superset is fine).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toLists } from '../../src/builder/lists';
import { dfLevel, RelatedRanker, rowsToRerank, termListsOf, type RankerInput } from '../../src/builder/related-ranker';

interface Article {
  topics: number[];
  provider: number;
  terms: number[];
}

/** Rows are in time order (newest first), as the feed's all-articles list. */
function inputOf(articles: readonly Article[], termCount: number): RankerInput {
  const sortedSet = (values: number[]) => Int32Array.from(new Set(values)).sort();
  const topicsOf = articles.map((article) => sortedSet(article.topics));
  const termsOf = articles.map((article) => sortedSet(article.terms));
  const members = (count: number, has: (row: number, list: number) => boolean) =>
    Array.from({ length: count }, (_, list) => articles.flatMap((_, row) => (has(row, list) ? [row] : [])));
  return {
    time: Float64Array.from(articles, (_, row) => 1_700_000_000_000 - row * 3_600_000),
    provider: Int32Array.from(articles, (article) => article.provider),
    topicsOf: toLists(topicsOf),
    termsOf: toLists(termsOf),
    postings: toLists(members(termCount, (row, term) => termsOf[row]!.includes(term))),
    topicRows: toLists(members(4, (row, topic) => topicsOf[row]!.includes(topic))),
    providerRows: toLists(members(3, (row, provider) => articles[row]!.provider === provider)),
  } as RankerInput;
}

const TERMS = 12;
const article = fc.record({
  topics: fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 3 }),
  provider: fc.nat({ max: 2 }),
  terms: fc.array(fc.nat({ max: TERMS - 1 }), { maxLength: 6 }),
});

describe('rowsToRerank', () => {
  it('holds every row whose related list changes when some rows get other terms', () => {
    fc.assert(
      fc.property(
        fc.array(article, { minLength: 2, maxLength: 60 }),
        fc.array(fc.record({ row: fc.nat(), terms: fc.array(fc.nat({ max: TERMS + 3 }), { maxLength: 6 }) }), {
          minLength: 1,
          maxLength: 3,
        }),
        (articles, edits) => {
          const edited = articles.map((a) => ({ ...a }));
          const changed = new Set<number>();
          for (const edit of edits) {
            const row = edit.row % articles.length;
            edited[row] = { ...edited[row]!, terms: edit.terms };
            changed.add(row);
          }
          // New terms get ids after the old ones, as a rebuild gives them.
          const before = inputOf(articles, TERMS + 4);
          const after = inputOf(edited, TERMS + 4);
          const oldRanker = new RelatedRanker(before);
          const newRanker = new RelatedRanker(after);
          const rerank = new Set(rowsToRerank(termListsOf(before), after, [...changed]));
          for (let row = 0; row < articles.length; row++) {
            if (rerank.has(row)) continue;
            expect(newRanker.rank(row), `row ${row}`).toEqual(oldRanker.rank(row));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('levels document frequencies by half octaves', () => {
    expect([1, 2, 3, 4, 5, 6, 8, 11, 12, 16, 1448, 1449].map(dfLevel)).toEqual([0, 2, 3, 4, 4, 5, 6, 6, 7, 8, 20, 21]);
  });
});
