import styles from './empty-results.module.css';

type EmptyResultsProps = {
  /** Shown when filters are active: the way out. */
  onClear?: () => void;
};

export function EmptyResults({ onClear }: EmptyResultsProps) {
  return (
    <div className={styles.empty}>
      <svg className={styles.icon} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="11" cy="11" r="7" />
        <path d="m20 20-3.5-3.5M8.5 11h5" />
      </svg>
      <p className={styles.title}>No articles match these filters</p>
      <p className={styles.hint}>Try fewer words, another topic or a wider date range.</p>
      {onClear && (
        <button type="button" className={`button-primary ${styles.button}`} onClick={onClear}>
          Clear all filters
        </button>
      )}
    </div>
  );
}
