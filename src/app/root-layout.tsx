import { useRef } from 'react';
import { Outlet, ScrollRestoration } from 'react-router-dom';
import { FeedUpdateStatus } from './layout/feed-update-status';
import { SiteFooter } from './layout/site-footer';
import { SiteHeader } from './layout/site-header';
import { useFocusOnNavigate } from './layout/use-focus-on-navigate';
import { useSlowNavigation } from './layout/use-slow-navigation';
import styles from './root-layout.module.css';

export const MAIN_ID = 'main';

export function RootLayout() {
  // Only for a navigation that takes a while: a search or a cached page is on screen before a
  // bar could tell anyone anything.
  const slow = useSlowNavigation();
  const main = useRef<HTMLElement>(null);
  useFocusOnNavigate(main);
  return (
    <div className={styles.shell}>
      <a href={`#${MAIN_ID}`} className={styles.skipLink}>
        Skip to content
      </a>
      <SiteHeader />
      {slow && <div className={styles.progress} aria-hidden="true" />}
      <main id={MAIN_ID} ref={main} tabIndex={-1} className={styles.main}>
        <FeedUpdateStatus />
        <Outlet />
      </main>
      <SiteFooter />
      <ScrollRestoration />
    </div>
  );
}
