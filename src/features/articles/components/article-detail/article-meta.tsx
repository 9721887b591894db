import type { ReactNode } from 'react';
import { formatLongDate } from '../../../../components/relative-time/format-date';
import { RelativeTime } from '../../../../components/relative-time/relative-time';
import styles from './article-detail.module.css';

/** Who published the article and when: the exact day, and how long ago on hover or focus. */
export function ArticleMeta({ providerBadge, publishedAt }: { providerBadge: ReactNode; publishedAt: string }) {
  const date = new Date(publishedAt);
  return (
    <div className={styles.meta}>
      {providerBadge}
      <span className={styles.separator} aria-hidden="true" />
      <span className={styles.dates}>
        <time dateTime={date.toISOString()}>{formatLongDate(date)}</time>
        <span aria-hidden="true">·</span>
        <RelativeTime date={publishedAt} />
      </span>
    </div>
  );
}
