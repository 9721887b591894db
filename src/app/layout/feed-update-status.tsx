import { memo } from 'react';
import { useFeedUpdate } from '../feed-update-context';
import styles from './feed-update-status.module.css';

export const FEED_UPDATED_MESSAGE = 'The feed was updated. Showing the latest articles.';

/**
 * Says, politely, that a newer feed replaced the one being read. The live region is always in the
 * page, so screen readers announce the message when it appears. Memoized: the layout re-renders
 * as every navigation starts and ends.
 */
export const FeedUpdateStatus = memo(function FeedUpdateStatus() {
  const { updated, dismiss } = useFeedUpdate();
  return (
    <div aria-live="polite" aria-atomic="true" className={updated ? styles.status : undefined}>
      {updated && (
        <p className={styles.inner}>
          <span>{FEED_UPDATED_MESSAGE}</span>
          <button type="button" className={styles.dismiss} onClick={dismiss}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
});
