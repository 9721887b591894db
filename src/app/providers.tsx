import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { FEED_STALE_TIME } from '../feed/queries';
import { watchFeedBuilds } from '../feed/watch-feed-builds';
import { FeedUpdateContext } from './feed-update-context';

/** The reader's QueryClient: feed files never change while the page is open. */
export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { staleTime: FEED_STALE_TIME } } });
}

/** The query client, and the watch for a new feed published while someone reads. */
export function AppProviders({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  const [updated, setUpdated] = useState(false);
  useEffect(() => watchFeedBuilds(queryClient, { onUpdated: () => setUpdated(true) }), [queryClient]);
  const feedUpdate = useMemo(() => ({ updated, dismiss: () => setUpdated(false) }), [updated]);
  return (
    <QueryClientProvider client={queryClient}>
      <FeedUpdateContext value={feedUpdate}>{children}</FeedUpdateContext>
    </QueryClientProvider>
  );
}
