import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { feedQueries } from '../../../feed/queries';
import { searchQueries } from '../api/search-rows-query';
import { fetchListPage } from '../worker/search-runner';
import { rowSource, type ResultSource } from '../utils/result-source';
import type { SearchCriteria, SearchPlan, SearchScope } from '../utils/search-plan';

/**
 * Results computed from the facet index and the query's term shards, in the search worker: the
 * main thread only receives row numbers, so typing never waits for the index. The worker also
 * fetches and checks the list pages that hold the results' cards.
 */
export function useIndexResults(
  criteria: SearchCriteria,
  scope: SearchScope,
  plan: Extract<SearchPlan, { mode: 'index' }>,
): ResultSource {
  const queryClient = useQueryClient();
  const { data: manifest } = useSuspenseQuery(feedQueries.manifest());
  const { data: rows } = useSuspenseQuery(searchQueries.rows(manifest, criteria, scope, plan));
  return useMemo(
    () =>
      rowSource(rows, manifest.articleCount, manifest.pageSize, (list, page) =>
        fetchListPage(queryClient, { list, page }),
      ),
    [rows, manifest.articleCount, manifest.pageSize, queryClient],
  );
}
