import { memo } from 'react';
import { feedPaths, feedUrl } from '../../feed/urls';
import styles from './site-footer.module.css';

const jsonFeedUrl = feedUrl(import.meta.env.BASE_URL, feedPaths.jsonFeed());

/** Memoized: static, and the layout re-renders as every navigation starts and ends. */
export const SiteFooter = memo(function SiteFooter() {
  return (
    <footer className={styles.footer}>
      <div className={styles.inner}>
        <p>Newsstand collects news from many publishers; every story links to its source.</p>
        <a href={jsonFeedUrl}>JSON Feed</a>
      </div>
    </footer>
  );
});
