import { Skeleton } from '../../components/skeleton/skeleton';
import styles from './article-browser.module.css';
import { ResultsSkeleton } from './results-skeleton';

/** The filters and results' shape before the list's first data arrives. */
export function ArticleBrowserSkeleton() {
  return (
    <div className={styles.layout}>
      <Skeleton className={styles.filtersSkeleton} />
      <ResultsSkeleton />
    </div>
  );
}
