import type { QueryClient } from '@tanstack/react-query';
import { parseFilters } from '../../features/articles/utils/filters';
import { prefetchSearch } from '../../features/search/api/prefetch-search';
import { planSearch, type SearchScope } from '../../features/search/utils/search-plan';

/** The loader half of a list view: fetch what its first screen needs, nothing more. */
export async function loadArticleList(queryClient: QueryClient, request: Request, scope: SearchScope): Promise<null> {
  const filters = parseFilters(new URL(request.url).searchParams);
  await prefetchSearch(queryClient, planSearch(filters, scope));
  return null;
}
