import type { CompiledFacets } from './compiled-facets';
import { ANY_ROW, filterRows, type RowCriteria } from './filter-rows';
import { matchTerms, type TermRows } from './match-terms';
import { sortRows, type RowOrder } from './sort-rows';

export interface RowQuery {
  criteria: RowCriteria;
  /** Query terms; empty for no text search. */
  terms: readonly string[];
  /** The term shards the terms need (null: the shard does not exist). */
  shards: ReadonlyMap<string, TermRows | null>;
  order: RowOrder;
}

/** The matching rows of the "all" list, in display order. Pure: can run in a Web Worker. */
export function searchRows(facets: CompiledFacets, query: RowQuery): Uint32Array {
  const candidates = query.terms.length > 0 ? matchTerms(query.terms, query.shards, facets.count) : null;
  return sortRows(filterRows(facets, query.criteria, candidates), facets, query.order);
}

/**
 * Run each kind of filter and order once over `facets`, the results unused. V8 compiles a loop
 * for the checks it has seen made, so in a fresh worker the first query with topics, or the
 * first sorted by quality, ran unoptimized code over every row: 11–29 ms of compute at 90k rows,
 * where later ones took ~1 ms. Done as the index loads, which takes ~0.7 s at that size anyway.
 */
export function warmUp(facets: CompiledFacets): void {
  const { count, topicValues, publishedMinute } = facets;
  if (count === 0) return;
  let topicCount = 0;
  for (let i = 0; i < topicValues.length; i++) topicCount = Math.max(topicCount, topicValues[i]! + 1);
  const someTopics = new Uint8Array(topicCount).map((_, topic) => topic % 2);
  // Every check made on most rows: a date range (all of them), a type, one topic, any of some.
  const dated = { ...ANY_ROW, fromMinute: publishedMinute[0]!, toMinute: publishedMinute[count - 1]! };
  const rows = filterRows(facets, { ...dated, anyTopic: someTopics, video: 0 }, null);
  filterRows(facets, { ...dated, requiredTopic: topicValues[0] ?? -1, anyTopic: someTopics, video: 1 }, null);
  // A provider, over every row and over the rows a text search found.
  for (const candidates of [null, rows]) filterRows(facets, { ...dated, provider: facets.provider[0]! }, candidates);
  for (const order of ['trending', 'quality', 'newest'] as const) sortRows(rows, facets, order);
}
