import { Skeleton } from '../../../../components/skeleton/skeleton';
import styles from './article-card.module.css';

/** An article card's exact shape while its data loads, so nothing moves when it arrives. */
export function ArticleCardSkeleton() {
  return (
    <div className={styles.card} aria-hidden="true">
      <Skeleton className={`${styles.media} ${styles.mediaSkeleton}`} />
      <div className={styles.body}>
        <Skeleton width="40%" height="1.25rem" />
        <Skeleton height="1.5rem" />
        <Skeleton width="70%" height="1.5rem" />
        <Skeleton height="1rem" />
        <Skeleton width="85%" height="1rem" />
      </div>
    </div>
  );
}
