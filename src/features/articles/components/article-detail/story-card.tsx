import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { paths } from '../../../../app/paths';
import { ExternalLink } from '../../../../components/external-link/external-link';
import { ImageWithFallback } from '../../../../components/image-with-fallback/image-with-fallback';
import { LogoImage } from '../../../../components/logo-image/logo-image';
import { RelativeTime } from '../../../../components/relative-time/relative-time';
import { articleQueries } from '../../../../feed/queries';
import type { RelatedItem } from '../../../../feed/schema';
import styles from './story-card.module.css';

/** What a carousel card shows: a related item, or a list card with its URL. */
export type Story = Pick<RelatedItem, 'slug' | 'url' | 'title' | 'publishedAt' | 'provider' | 'image'>;

/**
 * A compact card for a carousel. Stories in this feed open in the app (their details are prefetched
 * on hover or focus); others open at their publisher in a new tab.
 */
export function StoryCard({ story }: { story: Story }) {
  const queryClient = useQueryClient();
  const { slug } = story;
  const prefetch = () => {
    if (slug) void queryClient.prefetchQuery(articleQueries.detail(slug));
  };

  return (
    <article className={`raised-card ${styles.card}`}>
      <ImageWithFallback
        className={styles.media}
        image={story.image}
        alt=""
        sizes="(min-width: 64rem) 22rem, 80vw"
        fallback={<LogoImage logo={story.provider.logo} name={story.provider.name} size="large" />}
      />
      <div className={styles.body}>
        <h3 className={styles.title}>
          {slug ? (
            <Link className={styles.link} to={paths.article(slug)} onMouseEnter={prefetch} onFocus={prefetch}>
              {story.title}
            </Link>
          ) : (
            <ExternalLink className={styles.link} href={story.url}>
              {story.title}
            </ExternalLink>
          )}
        </h3>
        <p className={styles.meta}>
          <LogoImage logo={story.provider.logo} name={story.provider.name} />
          <span className={styles.provider}>{story.provider.name}</span>
          {!slug && (
            <span className={styles.external} aria-hidden="true">
              ↗
            </span>
          )}
          {story.publishedAt && (
            <span className={styles.date}>
              <RelativeTime date={story.publishedAt} />
            </span>
          )}
        </p>
      </div>
    </article>
  );
}
