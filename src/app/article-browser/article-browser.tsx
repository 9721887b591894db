import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { lazy, memo, useCallback, useMemo } from 'react';
import { useLocation } from 'react-router-dom';
import { QueryBoundary } from '../../components/query-boundary/query-boundary';
import { ArticleFilters } from '../../features/articles/components/article-filters/article-filters';
import { useArticleFilters } from '../../features/articles/hooks/use-article-filters';
import { EMPTY_FILTERS } from '../../features/articles/utils/filters';
import { prefetchQueryTerms } from '../../features/search/api/prefetch-terms';
import { planSearch, type SearchScope } from '../../features/search/utils/search-plan';
import { feedQueries } from '../../feed/queries';
import { loadIndexResults } from './load-index-results';
import { ListResults } from './list-results';
import styles from './article-browser.module.css';
import { ResultsSkeleton } from './results-skeleton';
import { useNewsProviderChoice, useTopicChoice } from './use-filter-choices';

// The index engine (facet filtering, term matching) is a chunk of its own: a plain list never loads it.
const IndexResults = lazy(async () => ({ default: (await loadIndexResults()).IndexResults }));

/**
 * A list of articles with every filter, for the home, topic and news provider pages. The URL
 * holds the filters; the plan decides whether the list's shards suffice or the index is needed.
 *
 * Memoized (give it the same `scope` object): the router re-renders every route while a
 * navigation loads, and nothing here changes until the new location commits.
 */
export const ArticleBrowser = memo(function ArticleBrowser({ scope }: { scope: SearchScope }) {
  const queryClient = useQueryClient();
  const [filters, setFilters] = useArticleFilters();
  const { data: start } = useSuspenseQuery(feedQueries.start());
  const topics = useTopicChoice(start, scope.topic, filters.topics);
  const newsProviders = useNewsProviderChoice(!scope.provider, filters.provider);
  const { search } = useLocation();
  const plan = useMemo(() => planSearch(filters, scope), [filters, scope]);
  const clear = useCallback(() => setFilters(EMPTY_FILTERS), [setFilters]);
  const prefetchTerms = useCallback((q: string) => prefetchQueryTerms(queryClient, q), [queryClient]);

  return (
    <div className={styles.layout}>
      <ArticleFilters
        filters={filters}
        onChange={setFilters}
        topics={topics}
        newsProviders={scope.provider ? null : newsProviders}
        onType={prefetchTerms}
      />
      <div className={styles.results}>
        <QueryBoundary errorTitle="The articles could not be loaded" loading={<ResultsSkeleton />} resetKey={search}>
          {plan.mode === 'shard' ? (
            <ListResults list={plan.list} filters={filters} onClear={clear} />
          ) : (
            <IndexResults plan={plan} filters={filters} scope={scope} onClear={clear} />
          )}
        </QueryBoundary>
      </div>
    </div>
  );
});
