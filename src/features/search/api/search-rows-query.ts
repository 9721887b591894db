import { queryOptions } from '@tanstack/react-query';
import { FEED_STALE_TIME, indexQueries } from '../../../feed/queries';
import type { Manifest } from '../../../feed/schema';
import { resolveCriteria, type SearchCriteria, type SearchPlan, type SearchScope } from '../utils/search-plan';
import { runSearch } from '../worker/search-runner';

type IndexPlan = Extract<SearchPlan, { mode: 'index' }>;

/**
 * The rows of the "all" list that a filtered view shows, in order. The search worker loads the
 * index files and does the work; this cache keeps each answer (a few bytes per row) per view.
 */
export const searchQueries = {
  rows: (manifest: Manifest, criteria: SearchCriteria, scope: SearchScope, plan: IndexPlan) =>
    // The manifest is identified by its build id: one build, one set of topics and providers.
    // eslint-disable-next-line @tanstack/query/exhaustive-deps
    queryOptions({
      queryKey: [...indexQueries.all(), 'rows', manifest.buildId, criteria, scope, plan] as const,
      queryFn: ({ client }) =>
        runSearch(client, {
          buildId: manifest.buildId,
          criteria: resolveCriteria(criteria, scope, manifest),
          terms: plan.terms,
          termKeys: plan.termKeys,
          order: criteria.sort,
        }),
      staleTime: FEED_STALE_TIME,
    }),
};
