/**
 * The one place that notices a new feed published mid-session: it watches the query cache, and
 * when a feed file arrives from another build than the cached start file (`lists/start.json`,
 * which every page loads), or a list page from another version of its list than the pages
 * already held, it refetches the start file and, if its build changed, invalidates every other
 * feed query once, then tells the app.
 */
import { hashKey, type Query, type QueryClient } from '@tanstack/react-query';
import {
  allListPageMark,
  allListVersionOf,
  buildIdOf,
  feedRefreshFor,
  listVersionOf,
  startPageMark,
} from './feed-build';
import { feedQueries, fetchFeedStart, listQueries } from './queries';
import type { FeedStart } from './schema';
import type { ListRef } from './urls';

const FEED_ROOT = feedQueries.all()[0];
const LIST_ROOT = listQueries.all()[1];
const LIST_KEY_LENGTH = listQueries.page({ kind: 'all' }, 1).queryKey.length;

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

  /** The list of a list page's query (`[...listQueries.all(), list, page]`), or null for other files. */
  const listOf = (query: Query): ListRef | null => {
    const { queryKey } = query;
    return queryKey.length === LIST_KEY_LENGTH && queryKey[1] === LIST_ROOT ? (queryKey[2] as ListRef) : null;
  };

  /**
   * What a list page must carry, and what it carries: for all articles, the start file's version
   * (and article count, on page 1), else the version of another page of the list already held
   * (null when it is the first).
   */
  const listPagePair = (query: Query, list: ListRef): [string | null, string | null] => {
    const { data } = query.state;
    const start = queryClient.getQueryData(startKey);
    if (list.kind === 'all' && allListVersionOf(start) !== null) {
      const isFirst = query.queryKey[LIST_KEY_LENGTH - 1] === 1;
      return [startPageMark(start, isFirst), isFirst ? allListPageMark(data) : listVersionOf(data)];
    }
    for (const sibling of cache.findAll({ queryKey: [...listQueries.all(), list] })) {
      const version = sibling === query ? null : listVersionOf(sibling.state.data);
      if (version !== null) return [version, listVersionOf(data)];
    }
    return [null, null];
  };

  const check = (query: Query) => {
    if (!isOtherFeedFile(query)) return;
    const list = listOf(query);
    const pair = list
      ? feedRefreshFor(...listPagePair(query, list), handled)
      : feedRefreshFor(buildIdOf(queryClient.getQueryData(startKey)), buildIdOf(query.state.data), handled);
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
