import { useSuspenseQueries, useSuspenseQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { feedQueries, indexQueries } from '../../../feed/queries';
import { termShardOrNoneQuery } from '../api/term-shard-query';
import { compileFacets } from '../utils/compiled-facets';
import { rowSource, type ResultSource } from '../utils/result-source';
import { cachedSearchRows } from '../utils/search-rows';
import { resolveCriteria, type SearchCriteria, type SearchScope } from '../utils/search-plan';

/**
 * Results computed from the facet index and the query's term shards. This engine is the heavy part
 * of search: views import it lazily, so a plain list never downloads it.
 */
export function useIndexResults(
  criteria: SearchCriteria,
  scope: SearchScope,
  terms: readonly string[],
  termKeys: readonly string[],
): ResultSource {
  const { data: manifest } = useSuspenseQuery(feedQueries.manifest());
  const { data: index } = useSuspenseQuery(indexQueries.facets());
  const shardResults = useSuspenseQueries({ queries: termKeys.map(termShardOrNoneQuery) });

  const facets = compileFacets(index);
  const shards = new Map(termKeys.map((key, i) => [key, shardResults[i]?.data?.terms ?? null]));
  const rows = cachedSearchRows(facets, JSON.stringify([criteria, scope, terms]), {
    criteria: resolveCriteria(criteria, scope, manifest),
    terms,
    shards,
    order: criteria.sort,
  });
  return useMemo(() => rowSource(rows, manifest.pageSize), [rows, manifest.pageSize]);
}
