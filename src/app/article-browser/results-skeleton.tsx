import { Skeleton } from '../../components/skeleton/skeleton';
import { ArticleCardSkeleton } from '../../features/articles/components/article-card/article-card-skeleton';
import styles from './results-skeleton.module.css';

const PLACEHOLDERS = [1, 2, 3];

/** The results' shape while they load: the count line and a few cards. */
export function ResultsSkeleton() {
  return (
    <div className={styles.skeleton} role="status">
      <span className="visually-hidden">Loading articles…</span>
      <Skeleton width="7rem" height="1.25rem" className={styles.count} />
      {PLACEHOLDERS.map((n) => (
        <ArticleCardSkeleton key={n} />
      ))}
    </div>
  );
}
