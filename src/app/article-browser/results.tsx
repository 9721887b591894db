import { memo, useId } from 'react';
import { useLocation } from 'react-router-dom';
import { ArticleFeed } from '../../features/articles/components/article-feed/article-feed';
import { EmptyResults } from '../../features/articles/components/empty-results/empty-results';
import { ResultsHeader } from '../../features/articles/components/results-header/results-header';
import type { FeedSource } from '../../features/articles/hooks/use-feed-pages';
import { hasActiveFilters, type ArticleFilters } from '../../features/articles/utils/filters';
import { useSlowNavigation } from '../layout/use-slow-navigation';

type ResultsProps = {
  source: FeedSource;
  filters: ArticleFilters;
  onClear: () => void;
};

export const Results = memo(function Results({ source, filters, onClear }: ResultsProps) {
  const headingId = useId();
  const busy = useSlowNavigation();
  const { search } = useLocation();
  const clear = hasActiveFilters(filters) ? onClear : undefined;
  return (
    <section aria-labelledby={headingId}>
      <ResultsHeader id={headingId} count={source.count} onClear={clear} />
      {source.count === 0 ? (
        <EmptyResults onClear={clear} />
      ) : (
        <ArticleFeed key={search} source={source} labelledBy={headingId} busy={busy} />
      )}
    </section>
  );
});
