/**
 * Where the list's i-th result lives. The list only ever asks for the shard pages covering the
 * rows on screen, whatever produced the results.
 */
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
}

/** Results that are one list, in its own order. */
export function listSource(list: ListRef, count: number, pageSize: number): ResultSource {
  return {
    count,
    locate: (index) => ({ list, page: Math.floor(index / pageSize) + 1, offset: index % pageSize }),
  };
}

/** Results given as row numbers of the "all" list. */
export function rowSource(rows: ArrayLike<number>, pageSize: number): ResultSource {
  return {
    count: rows.length,
    locate: (index) => {
      const row = rows[index] ?? 0;
      return { list: ALL_ARTICLES, page: Math.floor(row / pageSize) + 1, offset: row % pageSize };
    },
  };
}
