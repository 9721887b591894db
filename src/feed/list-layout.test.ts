import { describe, expect, it } from 'vitest';
import { firstPageSize, indexRowOf, listPageCount, pagePlace, pageSpan } from './list-layout';

const SIZE = 5;

/** Every page's articles as list indexes, page 1 first. */
function pagesOf(count: number): number[][] {
  return Array.from({ length: Math.max(1, listPageCount(count, SIZE)) }, (_, i) => {
    const { start, end } = pageSpan(i + 1, count, SIZE);
    return Array.from({ length: end - start }, (_, k) => start + k);
  });
}

describe('list layout', () => {
  it('cuts every list into pages that hold each article once, in order, the older pages full', () => {
    for (let count = 0; count <= 40; count++) {
      const pages = pagesOf(count);
      expect(pages.flat()).toEqual(Array.from({ length: count }, (_, i) => i));
      for (const page of pages.slice(1)) expect(page).toHaveLength(SIZE);
      expect(pages[0]).toHaveLength(firstPageSize(count, SIZE));
      if (count >= SIZE) expect(firstPageSize(count, SIZE)).toBeLessThan(2 * SIZE);
    }
  });

  it('finds each article on the page that holds it', () => {
    for (let count = 1; count <= 40; count++) {
      pagesOf(count).forEach((page, i) =>
        page.forEach((index, offset) => expect(pagePlace(index, count, SIZE)).toEqual({ page: i + 1, offset })),
      );
    }
  });

  it('keeps the older pages as they were when a newest article joins, until page 1 splits', () => {
    let splits = 0;
    for (let count = 1; count <= 60; count++) {
      // The same articles after one more joined at the top: list index i is now i + 1.
      const before = pagesOf(count);
      const after = pagesOf(count + 1).map((page) => page.map((index) => index - 1));
      if (after.length === before.length) expect(after.slice(1)).toEqual(before.slice(1));
      else splits++;
    }
    // At 10, 15, ..., 60 articles: page 1 holds 2 × SIZE and splits in two.
    expect(splits).toBe(11);
  });

  it('counts no page for an empty list, one up to twice the page size less one', () => {
    expect(listPageCount(0, SIZE)).toBe(0);
    expect(listPageCount(1, SIZE)).toBe(1);
    expect(listPageCount(2 * SIZE - 1, SIZE)).toBe(1);
    expect(listPageCount(2 * SIZE, SIZE)).toBe(2);
  });

  it('numbers the search index rows from the oldest, both ways', () => {
    expect([0, 1, 9].map((index) => indexRowOf(index, 10))).toEqual([9, 8, 0]);
    for (let index = 0; index < 10; index++) expect(indexRowOf(indexRowOf(index, 10), 10)).toBe(index);
  });
});
