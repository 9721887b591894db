/**
 * The one place that notices a new feed published mid-session: it watches the query cache, and
 * when a feed file arrives from another build than the cached start file (`lists/start.json`,
 * which every page loads), it refetches that file and, if its build changed, invalidates every
 * other feed query once, then tells the app.
 */
import { hashKey, type Query, type QueryClient } from '@tanstack/react-query';
import { buildIdOf, feedRefreshFor } from './feed-build';
import { feedQueries, fetchFeedStart } from './queries';
import type { FeedStart } from './schema';

const FEED_ROOT = feedQueries.all()[0];

export interface WatchFeedBuildsOptions {
  /** Runs after the reader switched to a newer build. */
  onUpdated: () => void;
  /** How to fetch the start file afresh (tests pass their own). */
  fetchStart?: () => Promise<FeedStart>;
}

/** Start watching `queryClient`'s feed queries. Returns the function that stops watching. */
export function watchFeedBuilds(
  queryClient: QueryClient,
  { onUpdated, fetchStart = fetchFeedStart }: WatchFeedBuildsOptions,
): () => void {
  const cache = queryClient.getQueryCache();
  const startKey = feedQueries.start().queryKey;
  const startHash = hashKey(startKey);
  const handled = new Set<string>();
  let stopped = false;

  const isOtherFeedFile = (query: Query) => query.queryKey[0] === FEED_ROOT && query.queryHash !== startHash;

  const check = (query: Query) => {
    if (!isOtherFeedFile(query)) return;
    const pair = feedRefreshFor(buildIdOf(queryClient.getQueryData(startKey)), buildIdOf(query.state.data), handled);
    if (pair === null) return;
    handled.add(pair);
    void refresh();
  };

  const refresh = async (): Promise<void> => {
    // Fetched here rather than refetched through the query: a page change that unmounts every
    // reader of the start file would cancel that refetch, and the switch would silently not happen.
    let start: FeedStart;
    try {
      start = await fetchStart();
    } catch {
      // The start file could not be fetched again: keep what the reader has.
      return;
    }
    // Still the same build (a cache in front of it lags behind the file): nothing newer to show.
    if (buildIdOf(start) === buildIdOf(queryClient.getQueryData(startKey))) return;
    queryClient.setQueryData(startKey, start);
    // Files nobody shows now are dropped, so the next page fetches them from the new build;
    // those on screen refetch in the background and stay visible until the new ones arrive.
    queryClient.removeQueries({ queryKey: [FEED_ROOT], type: 'inactive', predicate: isOtherFeedFile });
    void queryClient.invalidateQueries({ queryKey: [FEED_ROOT], predicate: isOtherFeedFile });
    if (!stopped) onUpdated();
  };

  // Files fetched before the watch began (the first loader can outrun the first effect).
  for (const query of cache.getAll()) check(query);
  const unsubscribe = cache.subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'success') check(event.query);
  });
  return () => {
    stopped = true;
    unsubscribe();
  };
}
