import { describe, expect, it } from 'vitest';
import { compileFacets } from './compiled-facets';
import { sortRows } from './sort-rows';
import { facetIndex } from './test-facets';

const at = '2023-09-01T00:00:00Z';
const facets = compileFacets(
  facetIndex([
    { at, heat: 10, quality: 50 },
    { at, heat: -1, quality: 90 },
    { at, heat: 300, quality: -1 },
    { at, heat: 10, quality: 90 },
    { at, heat: 0, quality: 5 },
  ]),
);
const all = Uint32Array.from([0, 1, 2, 3, 4]);

describe('sortRows', () => {
  // Rows count from the oldest: row 4 is the newest.
  it('orders the newest first for "newest"', () => {
    expect([...sortRows(all, facets, 'newest')]).toEqual([4, 3, 2, 1, 0]);
  });

  it('orders by heat for "trending": highest first, ties newest first, unmeasured last', () => {
    expect([...sortRows(all, facets, 'trending')]).toEqual([2, 3, 0, 4, 1]);
  });

  it('orders by quality for "quality"', () => {
    expect([...sortRows(all, facets, 'quality')]).toEqual([3, 1, 0, 4, 2]);
  });

  it('sorts a subset', () => {
    expect([...sortRows(Uint32Array.from([1, 4]), facets, 'trending')]).toEqual([4, 1]);
  });
});
