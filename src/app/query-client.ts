import { QueryClient } from '@tanstack/react-query';
import { FEED_STALE_TIME } from '../feed/stale-time';

/**
 * The reader's QueryClient: feed files never change while the page is open. main.tsx loads this
 * module lazily, with the first page, so TanStack Query is no part of the initial JavaScript.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { staleTime: FEED_STALE_TIME } } });
}
