import { Skeleton } from '../../components/skeleton/skeleton';
import { ResultsSkeleton } from '../article-browser/results-skeleton';
import styles from './page-skeleton.module.css';

/** A list page's shape while its first data loads. */
export function PageSkeleton() {
  return (
    <div className={styles.page}>
      <Skeleton width="min(20rem, 70%)" height="2.25rem" />
      <Skeleton width="min(28rem, 90%)" height="1.25rem" />
      <Skeleton height="9rem" className={styles.filters} />
      <ResultsSkeleton />
    </div>
  );
}
