import { useRef } from 'react';
import { Outlet, ScrollRestoration, useNavigation } from 'react-router-dom';
import { FeedUpdateStatus } from './layout/feed-update-status';
import { SiteFooter } from './layout/site-footer';
import { SiteHeader } from './layout/site-header';
import { useFocusOnNavigate } from './layout/use-focus-on-navigate';
import styles from './root-layout.module.css';

export const MAIN_ID = 'main';

export function RootLayout() {
  const navigation = useNavigation();
  const main = useRef<HTMLElement>(null);
  useFocusOnNavigate(main);
  return (
    <div className={styles.shell}>
      <a href={`#${MAIN_ID}`} className={styles.skipLink}>
        Skip to content
      </a>
      <SiteHeader />
      {navigation.state === 'loading' && <div className={styles.progress} aria-hidden="true" />}
      <main id={MAIN_ID} ref={main} tabIndex={-1} className={styles.main}>
        <FeedUpdateStatus />
        <Outlet />
      </main>
      <SiteFooter />
      <ScrollRestoration />
    </div>
  );
}
