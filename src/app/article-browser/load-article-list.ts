import type { QueryClient } from '@tanstack/react-query';
import { parseFilters } from '../../features/articles/utils/filters';
import { prefetchSearch } from '../../features/search/api/prefetch-search';
import { planSearch, type SearchScope } from '../../features/search/utils/search-plan';
import { loadIndexResults } from './load-index-results';

/** The loader half of a list view: fetch what its first screen needs, nothing more. */
export async function loadArticleList(queryClient: QueryClient, request: Request, scope: SearchScope): Promise<null> {
  const filters = parseFilters(new URL(request.url).searchParams);
  const plan = planSearch(filters, scope);
  if (plan.mode === 'index') void loadIndexResults();
  await prefetchSearch(queryClient, plan, filters, scope);
  return null;
}
