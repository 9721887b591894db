import { useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router-dom';
import { paths } from '../../../../app/paths';
import { ImageWithFallback } from '../../../../components/image-with-fallback/image-with-fallback';
import { LogoImage } from '../../../../components/logo-image/logo-image';
import { RelativeTime } from '../../../../components/relative-time/relative-time';
import { articleQueries } from '../../../../feed/queries';
import type { ArticleCard as ArticleCardData } from '../../../../feed/schema';
import { NewsProviderBadge } from '../../../news-providers/components/news-provider-badge';
import styles from './article-card.module.css';
import { TopicChips } from './topic-chips';

type ArticleCardProps = {
  card: ArticleCardData;
  /** 1-based position in the feed, and the feed's length. */
  position: number;
  setSize: number;
};

export function ArticleCard({ card, position, setSize }: ArticleCardProps) {
  const titleId = useId();
  const queryClient = useQueryClient();
  const prefetch = () => void queryClient.prefetchQuery(articleQueries.detail(card.slug));
  return (
    <article
      className={`raised-card ${styles.card}`}
      aria-labelledby={titleId}
      aria-posinset={position}
      aria-setsize={setSize}
    >
      <ImageWithFallback
        image={card.image}
        alt=""
        className={styles.media}
        sizes="(min-width: 48rem) 16rem, 100vw"
        priority={position === 1}
        fallback={<LogoImage logo={card.provider.logo} name={card.provider.name} size="large" />}
      />
      <div className={styles.body}>
        <p className={styles.meta}>
          <NewsProviderBadge provider={card.provider} />
          <RelativeTime date={card.publishedAt} />
          {card.type === 'video' && <span className={styles.video}>Video</span>}
        </p>
        <h2 id={titleId} className={styles.title}>
          <Link to={paths.article(card.slug)} className={styles.link} onMouseEnter={prefetch} onFocus={prefetch}>
            {card.title}
          </Link>
        </h2>
        {card.excerpt && <p className={styles.excerpt}>{card.excerpt}</p>}
        <TopicChips slugs={card.topics} />
      </div>
    </article>
  );
}
