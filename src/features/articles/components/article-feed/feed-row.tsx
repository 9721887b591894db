import { memo } from 'react';
import type { ArticleCard as ArticleCardData } from '../../../../feed/schema';
import { ArticleCard } from '../article-card/article-card';
import { ArticleCardSkeleton } from '../article-card/article-card-skeleton';

type FeedRowProps = {
  /** Undefined while its shard page loads. */
  card: ArticleCardData | undefined;
  /** 1-based. */
  position: number;
  setSize: number;
};

/**
 * One article of the feed, or its placeholder while the card's page loads. Memoized: the feed
 * re-renders whenever the virtualizer measures or scrolls, and a row's card rarely changes then.
 */
export const FeedRow = memo(function FeedRow({ card, position, setSize }: FeedRowProps) {
  if (card) return <ArticleCard card={card} position={position} setSize={setSize} />;
  return (
    <article aria-posinset={position} aria-setsize={setSize} aria-busy="true" aria-label="Loading article">
      <ArticleCardSkeleton />
    </article>
  );
});
