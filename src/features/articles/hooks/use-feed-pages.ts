import { useQueries } from '@tanstack/react-query';
import { listQueries } from '../../../feed/queries';
import type { ArticleCard, ListPage } from '../../../feed/schema';
import type { ListRef } from '../../../feed/urls';

/** Where a result's card lives; any result model that can say this can feed the list. */
export interface FeedLocation {
  list: ListRef;
  /** 1-based shard page. */
  page: number;
  offset: number;
}

export interface FeedSource {
  count: number;
  locate(index: number): FeedLocation;
  /**
   * How to load a page, when not with the feed's own fetch on this thread (the search worker
   * does it for search results). It must give what `listQueries.page` does: the page lands in
   * the same cache entry, for the list's other views and the new-build watch.
   */
  loadPage?: (list: ListRef, page: number) => Promise<ListPage>;
}

/**
 * The cards for the given result positions, fetching only the shard pages that hold them.
 * Cards of pages still loading (or failed) are undefined.
 *
 * Pages already in the cache show at once; the first fetches start only once the new results
 * have been painted (`fetching`, from `useAfterFirstPaint`). Starting a fetch costs the main thread a millisecond or two, and a screen
 * of search results can need a dozen pages (each row from another page of the "all" list):
 * started in the first commit, they would hold back the count and the placeholders.
 */
export function useFeedPages(source: FeedSource, indexes: readonly number[], fetching: boolean) {
  const wanted = new Map<string, FeedLocation>();
  for (const index of indexes) {
    const location = source.locate(index);
    wanted.set(pageKey(location), location);
  }
  const pages = [...wanted.values()];
  const { loadPage } = source;
  const results = useQueries({
    queries: pages.map(({ list, page }) => ({
      ...listQueries.page(list, page),
      ...(loadPage && { queryFn: () => loadPage(list, page) }),
      enabled: fetching,
    })),
  });

  const byKey = new Map(pages.map((location, i) => [pageKey(location), results[i]] as const));
  // An error cached from an earlier attempt (the loader's prefetch) is retried once fetching
  // starts, as on mount; until then it is not shown, or it would flash away with the retry.
  const failed = fetching ? results.filter((result) => result.isError) : [];
  return {
    cardAt: (index: number): ArticleCard | undefined => {
      const location = source.locate(index);
      return byKey.get(pageKey(location))?.data?.items[location.offset];
    },
    pending: results.some((result) =>
      fetching ? result.isPending && result.fetchStatus === 'fetching' : result.data === undefined,
    ),
    error: failed[0]?.error ?? null,
    retry: () => {
      for (const result of failed) void result.refetch();
    },
  };
}

function pageKey({ list, page }: FeedLocation): string {
  return `${list.kind}/${list.kind === 'all' ? '' : list.slug}/${page}`;
}
