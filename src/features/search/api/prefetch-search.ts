import type { QueryClient } from '@tanstack/react-query';
import { indexQueries, listQueries } from '../../../feed/queries';
import type { SearchPlan } from '../utils/search-plan';
import { termShardOrNoneQuery } from './term-shard-query';

/**
 * Load what the first screen of a plan needs before the view renders: the list's first page, or
 * the facet index and the query's term shards. Never throws: the view shows failures itself.
 */
export async function prefetchSearch(queryClient: QueryClient, plan: SearchPlan): Promise<void> {
  if (plan.mode === 'shard') {
    await queryClient.prefetchQuery(listQueries.page(plan.list, 1));
    return;
  }
  await Promise.all([
    queryClient.prefetchQuery(indexQueries.facets()),
    ...plan.termKeys.map((key) => queryClient.prefetchQuery(termShardOrNoneQuery(key))),
  ]);
}
