/**
 * The reader's text index, split into term shards (see TermShardSchema; the facet file is
 * facet-index-text.ts's). The term postings are also what the related-article ranking uses to
 * find similar titles.
 */
import type { TermShard } from '../feed/schema';
import { FEED_SCHEMA_VERSION } from '../feed/schema';
import { termShardKey } from '../feed/text';
import { indexRowOf } from '../feed/list-layout';
import { compareText } from './feed-model';
import { push } from './map-of-lists';
import type { NormalizedArticle } from './normalize';
import { listOf, sizedLists, type Lists } from './lists';

export interface TermIndex {
  /** Term id → term. */
  terms: string[];
  /** Term id → rows containing it, ascending. */
  postings: Lists;
  /** Row → its term ids, ascending. */
  termsOf: Lists;
}

/**
 * Interns articles' terms as they are parsed. With workers, each parse worker interns its own
 * articles' terms and the main thread only maps its ids (see InternedTerms in
 * worker-protocol.ts): string lookups are the costly part of indexing 100k articles, and the
 * main thread's work during the parse slows the workers on a 2-core machine.
 */
export class TermVocabulary {
  readonly terms: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly idsOf = new Map<NormalizedArticle, Int32Array>();

  /** The term's id, given when the term is first seen. */
  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
    }
    return id;
  }

  /** The ids of space-separated terms. */
  termIds(terms: string): Int32Array {
    const words = terms ? terms.split(' ') : [];
    const own = new Int32Array(words.length);
    words.forEach((word, i) => (own[i] = this.intern(word)));
    return own;
  }

  add(article: NormalizedArticle): void {
    this.idsOf.set(article, this.termIds(article.terms));
  }

  /** Gives the article these ids, found by this vocabulary's termIds (see InternedTerms). */
  setIds(article: NormalizedArticle, ids: Int32Array): void {
    this.idsOf.set(article, ids);
  }

  /** The article's term ids (in this vocabulary's arrival order). */
  idsFor(article: NormalizedArticle): Int32Array {
    if (!this.idsOf.has(article)) this.add(article);
    return this.idsOf.get(article)!;
  }
}

/**
 * The text index of the feed's rows. Term ids are renumbered in alphabetical order, keeping only
 * terms of these rows, so nothing depends on the order in which files were parsed; postings
 * come out sorted because rows are visited in order.
 */
export function buildTermIndex(
  rowArticles: readonly NormalizedArticle[],
  vocabulary = new TermVocabulary(),
): TermIndex {
  const rowIds = rowArticles.map((article) => vocabulary.idsFor(article));
  const used = new Uint8Array(vocabulary.terms.length);
  for (const ids of rowIds) for (let i = 0; i < ids.length; i++) used[ids[i]!] = 1;
  const kept: number[] = [];
  used.forEach((flag, id) => {
    if (flag) kept.push(id);
  });
  kept.sort((a, b) => compareText(vocabulary.terms[a]!, vocabulary.terms[b]!));
  const newId = new Int32Array(vocabulary.terms.length);
  kept.forEach((id, rank) => (newId[id] = rank));

  const terms = kept.map((id) => vocabulary.terms[id]!);
  // Flat lists, filled in place: no array per term or row (millions of entries at 100k rows).
  const termsOf = sizedLists(rowIds.map((ids) => ids.length));
  const counts = new Int32Array(terms.length);
  rowIds.forEach((ids, row) => {
    const own = termsOf.values.subarray(termsOf.start[row]!, termsOf.start[row + 1]!);
    for (let i = 0; i < ids.length; i++) counts[(own[i] = newId[ids[i]!]!)]!++;
    own.sort();
  });
  const postings = sizedLists(counts);
  const filled = postings.start.slice(0, terms.length);
  for (let row = 0; row < rowIds.length; row++) {
    for (let i = termsOf.start[row]!; i < termsOf.start[row + 1]!; i++)
      postings.values[filled[termsOf.values[i]!]!++] = row;
  }
  return { terms, postings, termsOf };
}

/** The search index's rows (see indexRowOf) of the feed's rows `rows` (ascending), ascending. */
export function indexRows(rows: ArrayLike<number>, count: number): Int32Array {
  const out = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = indexRowOf(rows[rows.length - 1 - k]!, count);
  return out;
}

/**
 * Term shards in key order, terms sorted within a shard, postings delta-encoded. Made one at a
 * time, as the caller writes them: all at once they add ~100 MB at the build's peak (100k).
 */
export function* buildTermShards(index: TermIndex): Generator<[string, TermShard]> {
  const count = index.termsOf.start.length - 1;
  const byKey = new Map<string, number[]>();
  index.terms.forEach((term, id) => push(byKey, termShardKey(term), id));
  for (const key of [...byKey.keys()].sort(compareText)) {
    const terms = Object.create(null) as Record<string, number[]>;
    // Term ids are in alphabetical order (see buildTermIndex), so each shard's are sorted already.
    for (const id of byKey.get(key)!)
      terms[index.terms[id]!] = deltaEncode(indexRows(listOf(index.postings, id), count));
    yield [key, { schemaVersion: FEED_SCHEMA_VERSION, terms }];
  }
}

/** Sorted numbers → the first, then the gaps. */
export function deltaEncode(sorted: ArrayLike<number>): number[] {
  return Array.from(sorted, (value, i) => (i === 0 ? value : value - sorted[i - 1]!));
}
