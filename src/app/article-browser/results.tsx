import { memo, useEffect, useId, useState } from 'react';
import { useLocation, useNavigation } from 'react-router-dom';
import { ArticleFeed } from '../../features/articles/components/article-feed/article-feed';
import { EmptyResults } from '../../features/articles/components/empty-results/empty-results';
import { ResultsHeader } from '../../features/articles/components/results-header/results-header';
import type { FeedSource } from '../../features/articles/hooks/use-feed-pages';
import { hasActiveFilters, type ArticleFilters } from '../../features/articles/utils/filters';

/** How long a navigation loads before the feed says it is busy. */
const SLOW_NAVIGATION_MS = 100;

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

/**
 * True while a navigation has been loading for a while. The search usually answers within a
 * frame or two: marking the feed busy for that long would only cost a render of the list (and
 * another to unmark it) before the new results can paint.
 */
function useSlowNavigation(): boolean {
  const loading = useNavigation().state === 'loading';
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!loading) return;
    const timer = setTimeout(() => setSlow(true), SLOW_NAVIGATION_MS);
    return () => {
      clearTimeout(timer);
      setSlow(false);
    };
  }, [loading]);
  return loading && slow;
}
