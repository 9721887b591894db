import { Skeleton } from './skeleton';
import styles from './skeleton.module.css';

/** The shape of the article page while it loads; says "Loading article" to assistive technology. */
export function ArticleSkeleton() {
  return (
    <div className={styles.article} role="status">
      <span className="visually-hidden">Loading article…</span>
      <Skeleton className={styles.hero} />
      <Skeleton width="30%" height="1.75rem" />
      <Skeleton height="2.25rem" />
      <Skeleton width="70%" height="2.25rem" />
      <Skeleton width="45%" height="1.5rem" />
      <div className={styles.paragraph}>
        <Skeleton />
        <Skeleton />
        <Skeleton width="85%" />
      </div>
      <Skeleton width="12rem" height="3rem" className={styles.button} />
    </div>
  );
}
