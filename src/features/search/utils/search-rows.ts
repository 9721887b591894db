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
