import { useQueries, useSuspenseQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { FeedError } from '../../../feed/fetch-feed';
import { feedQueries, indexQueries } from '../../../feed/queries';
import type { Manifest } from '../../../feed/schema';
import type { ListRef } from '../../../feed/urls';
import { compileFacets } from '../utils/compiled-facets';
import { listSource, rowSource, type ResultSource } from '../utils/result-source';
import { cachedSearchRows } from '../utils/search-rows';
import { resolveCriteria, type SearchCriteria, type SearchScope } from '../utils/search-plan';

/** Results that are one list of the feed: its count comes from the manifest, nothing else loads. */
export function useListResults(list: ListRef): ResultSource {
  const { data: manifest } = useSuspenseQuery(feedQueries.manifest());
  return listSource(list, listCount(manifest, list), manifest.pageSize);
}

/**
 * Results computed from the facet index and the query's term shards. Null while a term shard
 * is still loading; a missing shard means no word starts that way.
 */
export function useIndexResults(
  criteria: SearchCriteria,
  scope: SearchScope,
  terms: readonly string[],
  termKeys: readonly string[],
): ResultSource | null {
  const { data: manifest } = useSuspenseQuery(feedQueries.manifest());
  const { data: index } = useSuspenseQuery(indexQueries.facets());
  const shardResults = useQueries({
    queries: termKeys.map((key) => ({ ...indexQueries.termShard(key), throwOnError: isUnexpected })),
  });
  const ready = shardResults.every((result) => result.isSuccess || (result.isError && !isUnexpected(result.error)));

  let rows: Uint32Array | null = null;
  if (ready) {
    const facets = compileFacets(index);
    const shards = new Map(termKeys.map((key, i) => [key, shardResults[i]?.data?.terms ?? null]));
    rows = cachedSearchRows(facets, JSON.stringify([criteria, scope, terms]), {
      criteria: resolveCriteria(criteria, scope, manifest),
      terms,
      shards,
      order: criteria.sort,
    });
  }
  return useMemo(() => rows && rowSource(rows, manifest.pageSize), [rows, manifest.pageSize]);
}

function isUnexpected(error: Error): boolean {
  return !(error instanceof FeedError && error.kind === 'not-found');
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
