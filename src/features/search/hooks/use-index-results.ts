import { useSuspenseQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { feedQueries } from '../../../feed/queries';
import { searchQueries } from '../api/search-rows-query';
import { rowSource, type ResultSource } from '../utils/result-source';
import type { SearchCriteria, SearchPlan, SearchScope } from '../utils/search-plan';

/**
 * Results computed from the facet index and the query's term shards, in the search worker: the
 * main thread only receives row numbers, so typing never waits for the index.
 */
export function useIndexResults(
  criteria: SearchCriteria,
  scope: SearchScope,
  plan: Extract<SearchPlan, { mode: 'index' }>,
): ResultSource {
  const { data: manifest } = useSuspenseQuery(feedQueries.manifest());
  const { data: rows } = useSuspenseQuery(searchQueries.rows(manifest, criteria, scope, plan));
  return useMemo(() => rowSource(rows, manifest.pageSize), [rows, manifest.pageSize]);
}
