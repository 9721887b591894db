/**
 * Where the list's i-th result lives. The list only ever asks for the shard pages covering the
 * rows on screen, whatever produced the results.
 */
import { indexRowOf, pagePlace } from '../../../feed/list-layout';
import type { ListPage } from '../../../feed/schema';
import { ALL_ARTICLES, type ListRef } from '../../../feed/urls';

export interface ResultLocation {
  list: ListRef;
  /** 1-based shard page. */
  page: number;
  /** Position within that page's items. */
  offset: number;
}

export interface ResultSource {
  count: number;
  locate(index: number): ResultLocation;
  /** How to load a page of cards, when not the feed's own fetch on this thread. */
  loadPage?: (list: ListRef, page: number) => Promise<ListPage>;
}

/** Results that are one list, in its own order. */
export function listSource(list: ListRef, count: number, pageSize: number): ResultSource {
  return {
    count,
    locate: (index) => ({ list, ...pagePlace(index, count, pageSize) }),
  };
}

/**
 * Results given as rows of the search index: the "all" list's articles (`listSize`) counted from
 * the oldest. Nearly every row on screen is on a page of its own, so `loadPage` (the search
 * worker) fetches and checks them off the main thread.
 */
export function rowSource(
  rows: ArrayLike<number>,
  listSize: number,
  pageSize: number,
  loadPage?: (list: ListRef, page: number) => Promise<ListPage>,
): ResultSource {
  return {
    count: rows.length,
    loadPage,
    locate: (index) => {
      return { list: ALL_ARTICLES, ...pagePlace(indexRowOf(rows[index] ?? 0, listSize), listSize, pageSize) };
    },
  };
}
