import { queryOptions } from '@tanstack/react-query';
import { FeedError, fetchFeedFile } from '../../../feed/fetch-feed';
import { FEED_STALE_TIME, indexQueries } from '../../../feed/queries';
import { TermShardSchema, type TermShard } from '../../../feed/schema';
import { feedPaths, feedUrl } from '../../../feed/urls';

/**
 * A term shard, or null when the feed has none for that key: the builder writes shards only
 * for prefixes some word has, so a missing one is an answer ("no match"), not an error.
 */
export const termShardOrNoneQuery = (key: string) =>
  queryOptions({
    queryKey: [...indexQueries.termShard(key).queryKey, 'or-none'],
    queryFn: async ({ signal }): Promise<TermShard | null> => {
      try {
        return await fetchFeedFile(
          feedUrl(import.meta.env.BASE_URL, feedPaths.termShard(key)),
          TermShardSchema,
          signal,
        );
      } catch (error) {
        if (error instanceof FeedError && error.kind === 'not-found') return null;
        throw error;
      }
    },
    staleTime: FEED_STALE_TIME,
  });
