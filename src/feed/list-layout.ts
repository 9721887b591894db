/**
 * How a list's articles, newest first, are cut into pages; the builder writes by it and the
 * reader finds cards by it. Pages are counted off from the oldest article: every page but the
 * first holds exactly `pageSize`, and page 1, the newest, holds the rest (from `pageSize` up to
 * twice that, less one). A new article, the everyday change, then changes page 1 alone: the
 * older pages keep their articles until page 1 is full and splits, once every `pageSize`
 * additions. Counted off from the newest, as pages usually are, every page would change.
 */

/** Where the i-th article of a list is: a 1-based page and a place on it. */
export interface PagePlace {
  page: number;
  offset: number;
}

/** How many pages a list of `count` articles has (0 for none: an empty list still has page 1). */
export function listPageCount(count: number, pageSize: number): number {
  return count === 0 ? 0 : Math.max(1, Math.floor(count / pageSize));
}

/** How many articles page 1 holds. */
export function firstPageSize(count: number, pageSize: number): number {
  return count - Math.max(0, listPageCount(count, pageSize) - 1) * pageSize;
}

/** The page, and place on it, of the list's `index`-th article (0 is the newest). */
export function pagePlace(index: number, count: number, pageSize: number): PagePlace {
  const first = firstPageSize(count, pageSize);
  if (index < first) return { page: 1, offset: index };
  const older = index - first;
  return { page: 2 + Math.floor(older / pageSize), offset: older % pageSize };
}

/** The articles page `page` holds, as list indexes: from `start` (inclusive) to `end`. */
export function pageSpan(page: number, count: number, pageSize: number): { start: number; end: number } {
  const first = firstPageSize(count, pageSize);
  if (page === 1) return { start: 0, end: first };
  const start = first + (page - 2) * pageSize;
  return { start, end: Math.min(count, start + pageSize) };
}

/**
 * The search index's row of the list's `index`-th article (0 is the newest), and the other way
 * round: the index counts rows from the oldest, so that a new newest article moves no other.
 */
export function indexRowOf(index: number, count: number): number {
  return count - 1 - index;
}

/** A list's length, as its page 1 gives it (the only page that does; the schema checks it). */
export function listTotal(first: { total?: number | undefined; items: readonly unknown[] }): number {
  return first.total ?? first.items.length;
}
