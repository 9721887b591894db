import { Skeleton } from './skeleton';
import styles from './skeleton.module.css';

/** The shape of an article card while its data loads. */
export function CardSkeleton() {
  return (
    <div className={styles.card} aria-hidden="true">
      <Skeleton className={styles.media} />
      <div className={styles.cardBody}>
        <Skeleton width="40%" height="0.875rem" />
        <Skeleton height="1.25rem" />
        <Skeleton width="75%" height="1.25rem" />
        <Skeleton width="55%" height="0.875rem" />
      </div>
    </div>
  );
}
