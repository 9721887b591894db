import { useSuspenseQueries, useSuspenseQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { feedQueries, indexQueries } from '../../../feed/queries';
import type { Manifest } from '../../../feed/schema';
import type { ListRef } from '../../../feed/urls';
import { termShardOrNoneQuery } from '../api/term-shard-query';
import { compileFacets } from '../utils/compiled-facets';
import { listSource, rowSource, type ResultSource } from '../utils/result-source';
import { cachedSearchRows } from '../utils/search-rows';
import { resolveCriteria, type SearchCriteria, type SearchScope } from '../utils/search-plan';

/** Results that are one list of the feed: its count comes from the manifest, nothing else loads. */
export function useListResults(list: ListRef): ResultSource {
  const { data: manifest } = useSuspenseQuery(feedQueries.manifest());
  return listSource(list, listCount(manifest, list), manifest.pageSize);
}

/** Results computed from the facet index and the query's term shards. */
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

function listCount(manifest: Manifest, list: ListRef): number {
  switch (list.kind) {
    case 'all':
      return manifest.articleCount;
    case 'topic':
      return manifest.topics.find((topic) => topic.slug === list.slug)?.count ?? 0;
    case 'provider':
      return manifest.providers.find((provider) => provider.slug === list.slug)?.count ?? 0;
  }
}
