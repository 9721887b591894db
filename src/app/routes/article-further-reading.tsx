import { WidgetBoundary } from '../../components/widget-boundary/widget-boundary';
import type { ArticleDetail } from '../../feed/schema';
import { MoreInTopic } from '../../features/articles/components/article-detail/more-in-topic';
import { RelatedCarousel } from '../../features/articles/components/article-detail/related-carousel';

/**
 * The carousels below an article: related articles and more from its first topic. The article
 * page loads this lazily, so the article itself renders (and paints) without waiting for them.
 */
export function FurtherReading({ article }: { article: ArticleDetail }) {
  const firstTopic = article.topics[0];
  return (
    <>
      <WidgetBoundary>
        <RelatedCarousel items={article.related} />
      </WidgetBoundary>
      {firstTopic && (
        <WidgetBoundary>
          <MoreInTopic topic={firstTopic} currentSlug={article.slug} />
        </WidgetBoundary>
      )}
    </>
  );
}
