import type { QueryClient } from '@tanstack/react-query';
import { parseFilters } from '../../features/articles/utils/filters';
import { prefetchSearch } from '../../features/search/api/prefetch-search';
import { planSearch, type SearchScope } from '../../features/search/utils/search-plan';
import { loadIndexResults } from './load-index-results';

/** The loader half of a list view: fetch what its first screen needs, nothing more. */
export async function loadArticleList(queryClient: QueryClient, request: Request, scope: SearchScope): Promise<null> {
  const filters = parseFilters(new URL(request.url).searchParams);
  const plan = planSearch(filters, scope);
  // The index view's code loads alongside the search: the view then renders at once, never
  // suspending (and showing a skeleton for) a list that was on screen. A failed load is the
  // view's to report, as a failed search is.
  await Promise.all([
    plan.mode === 'index' ? loadIndexResults().catch(() => null) : null,
    prefetchSearch(queryClient, plan, filters, scope),
  ]);
  return null;
}
