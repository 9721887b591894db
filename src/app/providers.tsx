import type { QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { FeedUpdateContext } from './feed-update-context';

type AppProvidersProps = {
  /** The reader's QueryClient, or the promise of it while its code loads (see main.tsx). */
  queryClient: QueryClient | Promise<QueryClient>;
  children: ReactNode;
};

/**
 * The watch for a new feed published while someone reads. Pages get the QueryClient's provider
 * from their route (router.tsx), so the client's code can load with the first page.
 */
export function AppProviders({ queryClient, children }: AppProvidersProps) {
  const [updated, setUpdated] = useState(false);
  useEffect(() => {
    // Loaded after the first render: the watcher and the feed code it needs are no part of the
    // initial JavaScript. It checks the files already cached when it starts, so none are missed.
    let stop: (() => void) | null = null;
    let active = true;
    Promise.all([queryClient, import('../feed/watch-feed-builds')]).then(
      ([client, { watchFeedBuilds }]) => {
        if (active) stop = watchFeedBuilds(client, { onUpdated: () => setUpdated(true) });
      },
      // Without its code there is no page to update either; the route shows that failure.
      () => {},
    );
    return () => {
      active = false;
      stop?.();
    };
  }, [queryClient]);
  const feedUpdate = useMemo(() => ({ updated, dismiss: () => setUpdated(false) }), [updated]);
  return <FeedUpdateContext value={feedUpdate}>{children}</FeedUpdateContext>;
}
