import type { CompiledFacets } from './compiled-facets';
import { filterRows, type RowCriteria } from './filter-rows';
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

const MAX_CACHED = 20;
const cache = new WeakMap<CompiledFacets, Map<string, Uint32Array>>();

/**
 * `searchRows`, remembered per index and query: the feed files never change during a session,
 * so going back to a search costs nothing. `key` must identify the query.
 */
export function cachedSearchRows(facets: CompiledFacets, key: string, query: RowQuery): Uint32Array {
  let results = cache.get(facets);
  if (!results) cache.set(facets, (results = new Map()));
  const hit = results.get(key);
  if (hit) return hit;
  const rows = searchRows(facets, query);
  results.set(key, rows);
  if (results.size > MAX_CACHED) results.delete(results.keys().next().value!);
  return rows;
}
