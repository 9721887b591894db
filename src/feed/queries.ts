/**
 * Query-options factories, one per feed resource, keys from broad to narrow. Loaders call
 * `ensureQueryData` and components `useSuspenseQuery` with the same options.
 */
import { queryOptions } from '@tanstack/react-query';
import { fetchFeedFile } from './fetch-feed';
import {
  ArticleDetailSchema,
  FeedStartSchema,
  ListPageSchema,
  ManifestSchema,
  TopicListSchema,
  type FeedStart,
  type Manifest,
} from './schema';
import { FEED_STALE_TIME } from './stale-time';
import { feedPaths, feedUrl, type ListRef } from './urls';

export { FEED_STALE_TIME } from './stale-time';

const baseUrl = import.meta.env.BASE_URL;

/** Fetch and parse the manifest (`index.json`). */
export function fetchManifest(signal?: AbortSignal): Promise<Manifest> {
  return fetchFeedFile(feedUrl(baseUrl, feedPaths.manifest()), ManifestSchema, signal);
}

/** Fetch and parse `lists/start.json`, the reader's first file. */
export function fetchFeedStart(signal?: AbortSignal): Promise<FeedStart> {
  return fetchFeedFile(feedUrl(baseUrl, feedPaths.start()), FeedStartSchema, signal);
}

export const feedQueries = {
  all: () => ['feed'] as const,
  /** What every list's first view needs (counts, the largest topics); bounded, however large the feed. */
  start: () =>
    queryOptions({
      queryKey: [...feedQueries.all(), 'start'],
      queryFn: ({ signal }) => fetchFeedStart(signal),
      staleTime: FEED_STALE_TIME,
    }),
  /** Every topic, for the views that need more than `start` names: grows with the topics. */
  topics: () =>
    queryOptions({
      queryKey: [...feedQueries.all(), 'topics'],
      queryFn: ({ signal }) => fetchFeedFile(feedUrl(baseUrl, feedPaths.topics()), TopicListSchema, signal),
      staleTime: FEED_STALE_TIME,
    }),
  /**
   * The full manifest, every news provider included: grows with the feed, so only the news
   * provider filter and the search index (whose rows refer to its order) load it.
   */
  manifest: () =>
    queryOptions({
      queryKey: [...feedQueries.all(), 'manifest'],
      queryFn: ({ signal }) => fetchManifest(signal),
      staleTime: FEED_STALE_TIME,
    }),
};

export const listQueries = {
  all: () => [...feedQueries.all(), 'lists'] as const,
  page: (list: ListRef, page: number) =>
    queryOptions({
      queryKey: [...listQueries.all(), list, page],
      queryFn: ({ signal }) => fetchFeedFile(feedUrl(baseUrl, feedPaths.listPage(list, page)), ListPageSchema, signal),
      staleTime: FEED_STALE_TIME,
      // The loader has just tried (and for a stalled server, waited out the timeout): the list shows
      // that failure with its Retry instead of silently fetching again when it mounts.
      retryOnMount: false,
    }),
};

export const articleQueries = {
  all: () => [...feedQueries.all(), 'articles'] as const,
  detail: (slug: string) =>
    queryOptions({
      queryKey: [...articleQueries.all(), 'detail', slug],
      queryFn: ({ signal }) => fetchFeedFile(feedUrl(baseUrl, feedPaths.article(slug)), ArticleDetailSchema, signal),
      staleTime: FEED_STALE_TIME,
    }),
};

/** The search index's files are fetched and decoded by the search worker, not through this cache. */
export const indexQueries = {
  all: () => [...feedQueries.all(), 'index'] as const,
};
