import { Skeleton } from '../../components/skeleton/skeleton';
import { ArticleBrowserSkeleton } from '../article-browser/article-browser-skeleton';
import styles from './page-skeleton.module.css';

/** A list page's shape while its first data loads. */
export function PageSkeleton() {
  return (
    <div className={styles.page}>
      <div className={styles.header}>
        <Skeleton width="min(20rem, 70%)" height="2.5rem" />
        <Skeleton width="min(26rem, 90%)" height="1.25rem" />
      </div>
      <ArticleBrowserSkeleton />
    </div>
  );
}
