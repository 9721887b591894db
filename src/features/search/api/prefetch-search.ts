import type { QueryClient } from '@tanstack/react-query';
import { feedQueries, listQueries } from '../../../feed/queries';
import type { SearchCriteria, SearchPlan, SearchScope } from '../utils/search-plan';
import { searchQueries } from './search-rows-query';

/**
 * Load what the first screen of a plan needs before the view renders: the list's first page, or
 * the search's rows (the worker loads the index files). Never throws: the view shows failures itself.
 */
export async function prefetchSearch(
  queryClient: QueryClient,
  plan: SearchPlan,
  criteria: SearchCriteria,
  scope: SearchScope,
): Promise<void> {
  if (plan.mode === 'shard') {
    await queryClient.prefetchQuery(listQueries.page(plan.list, 1));
    return;
  }
  try {
    const manifest = await queryClient.ensureQueryData(feedQueries.manifest());
    await queryClient.prefetchQuery(searchQueries.rows(manifest, criteria, scope, plan));
  } catch {
    // The manifest failed: the page's own loader or view reports it.
  }
}
