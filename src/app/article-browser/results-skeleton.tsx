import { CardSkeleton } from '../../components/skeleton/card-skeleton';
import styles from './results-skeleton.module.css';

const PLACEHOLDERS = [1, 2, 3];

/** The list's shape while its results load. */
export function ResultsSkeleton() {
  return (
    <div className={styles.skeleton} role="status">
      <span className="visually-hidden">Loading articles…</span>
      {PLACEHOLDERS.map((n) => (
        <CardSkeleton key={n} />
      ))}
    </div>
  );
}
