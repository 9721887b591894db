import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { parseFilters, serializeFilters, type ArticleFilters } from '../utils/filters';

export interface SetFiltersOptions {
  /** Replace the history entry instead of adding one (typing in the search box). */
  replace?: boolean;
}

/** The list filters, read from and written to the query string. */
export function useArticleFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const setFilters = useCallback(
    (next: ArticleFilters, options: SetFiltersOptions = {}) =>
      setParams(serializeFilters(next), { replace: options.replace ?? false, preventScrollReset: true }),
    [setParams],
  );
  return [filters, setFilters] as const;
}
