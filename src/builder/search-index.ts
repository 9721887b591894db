/**
 * The reader's search and filter index: a columnar facet file and the text index split into
 * term shards (see FacetIndexSchema and TermShardSchema). The term postings are also what the
 * related-article ranking uses to find similar titles.
 */
import type { FacetIndex, TermShard } from '../feed/schema';
import { FEED_SCHEMA_VERSION } from '../feed/schema';
import { termShardKey } from '../feed/text';
import { compareText, type FeedRow } from './feed-model';

export interface TermIndex {
  /** Term id → term. */
  terms: string[];
  /** Term id → rows containing it, ascending. */
  postings: number[][];
  /** Row → its term ids, ascending. */
  termsOf: Int32Array[];
}

/** Intern every row's terms; postings come out sorted because rows are visited in order. */
export function buildTermIndex(rows: readonly FeedRow[]): TermIndex {
  const ids = new Map<string, number>();
  const terms: string[] = [];
  const postings: number[][] = [];
  const termsOf = rows.map((row) => {
    const rowTerms = row.article.terms ? row.article.terms.split(' ') : [];
    const own = new Int32Array(rowTerms.length);
    rowTerms.forEach((term, i) => {
      let id = ids.get(term);
      if (id === undefined) {
        id = terms.length;
        ids.set(term, id);
        terms.push(term);
        postings.push([]);
      }
      postings[id]!.push(row.row);
      own[i] = id;
    });
    return own.sort();
  });
  return { terms, postings, termsOf };
}

/** The facet columns; row i is row i of the all-articles list. */
export function buildFacetIndex(rows: readonly FeedRow[], buildId: string): FacetIndex {
  return {
    schemaVersion: FEED_SCHEMA_VERSION,
    buildId,
    count: rows.length,
    publishedMinute: rows.map((row) => Math.floor(row.article.publishedMs / 60_000)),
    provider: rows.map((row) => row.providerIndex),
    video: rows.map((row) => (row.card.type === 'video' ? 1 : 0)),
    heat: rows.map((row) => row.card.heat ?? -1),
    quality: rows.map((row) => row.card.quality ?? -1),
    topics: rows.map((row) => row.topicIndexes),
  };
}

/** Term shards by key, terms sorted within a shard, postings delta-encoded. */
export function buildTermShards(index: TermIndex, buildId: string): Map<string, TermShard> {
  const byKey = new Map<string, string[]>();
  index.terms.forEach((term) => {
    const key = termShardKey(term);
    const list = byKey.get(key);
    if (list) list.push(term);
    else byKey.set(key, [term]);
  });
  const ids = new Map(index.terms.map((term, id) => [term, id]));
  const shards = new Map<string, TermShard>();
  for (const key of [...byKey.keys()].sort(compareText)) {
    const terms = Object.create(null) as Record<string, number[]>;
    for (const term of byKey.get(key)!.sort(compareText)) {
      terms[term] = deltaEncode(index.postings[ids.get(term)!]!);
    }
    shards.set(key, { schemaVersion: FEED_SCHEMA_VERSION, buildId, terms });
  }
  return shards;
}

/** Sorted numbers → the first, then the gaps. */
export function deltaEncode(sorted: readonly number[]): number[] {
  return sorted.map((value, i) => (i === 0 ? value : value - sorted[i - 1]!));
}
