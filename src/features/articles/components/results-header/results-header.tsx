import { memo } from 'react';
import { formatArticleCount } from '../../utils/format-count';
import styles from './results-header.module.css';

type ResultsHeaderProps = {
  /** The id the feed uses as its name. */
  id: string;
  count: number;
  /** Shown when filters are active. */
  onClear?: () => void;
};

/** The result count, announced politely as it changes, and "Clear all". */
export const ResultsHeader = memo(function ResultsHeader({ id, count, onClear }: ResultsHeaderProps) {
  return (
    <div className={styles.bar}>
      <h2 id={id} className={styles.count} aria-live="polite" aria-atomic="true">
        {formatArticleCount(count)}
      </h2>
      {onClear && (
        <button type="button" className={styles.clear} onClick={onClear}>
          Clear all
        </button>
      )}
    </div>
  );
});
