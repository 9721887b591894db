import { describeError } from './describe-error';
import styles from './error-panel.module.css';

type ErrorPanelProps = {
  title: string;
  error: unknown;
  /** Try the failed work again; without it the panel offers no button (a reload still can). */
  onRetry?: () => void;
};

/** An error said in plain words, with the one action that can help. */
export function ErrorPanel({ title, error, onRetry }: ErrorPanelProps) {
  const { message, action } = describeError(error);
  return (
    <div className={styles.panel} role="alert">
      <svg className={styles.icon} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="10" />
        <path d="M12 7v6M12 16.5v.5" />
      </svg>
      <h2 className={styles.title}>{title}</h2>
      <p className={styles.message}>{message}</p>
      {action === 'reload' ? (
        <button type="button" className={`button-primary ${styles.button}`} onClick={() => window.location.reload()}>
          Reload page
        </button>
      ) : (
        onRetry && (
          <button type="button" className={`button-primary ${styles.button}`} onClick={onRetry}>
            Retry
          </button>
        )
      )}
    </div>
  );
}
