import { describe, expect, it } from 'vitest';
import { FEED_SCHEMA_VERSION, type FacetIndex } from '../../../feed/schema';
import { compileFacets } from './compiled-facets';
import { ANY_ROW } from './filter-rows';
import type { TermRows } from './match-terms';
import { searchRows, warmUp } from './search-rows';
import { facetIndex } from './test-facets';

describe('searchRows', () => {
  it('combines text, facets and order', () => {
    const facets = compileFacets(
      facetIndex([
        { at: '2023-09-03T00:00:00Z', provider: 0, heat: 5 },
        { at: '2023-09-02T00:00:00Z', provider: 1, heat: 50 },
        { at: '2023-09-01T00:00:00Z', provider: 0, heat: 20 },
      ]),
    );
    const shards = new Map<string, TermRows | null>([['po', { portal: [0, 1, 1] }]]);
    const rows = searchRows(facets, {
      criteria: { ...ANY_ROW, provider: 0 },
      terms: ['portal'],
      shards,
      order: 'trending',
    });
    expect([...rows]).toEqual([2, 0]);
  });

  it('filters and sorts 100,000 rows well within a frame budget', () => {
    const count = 100_000;
    const index: FacetIndex = {
      schemaVersion: FEED_SCHEMA_VERSION,
      listVersion: 'bench',
      count,
      publishedMinute: Array.from({ length: count }, (_, i) => 28_000_000 - i * 5),
      provider: Array.from({ length: count }, (_, i) => i % 2000),
      video: Array.from({ length: count }, (_, i) => (i % 17 === 0 ? 1 : 0)),
      heat: Array.from({ length: count }, (_, i) => (i * 7919) % 1000),
      quality: Array.from({ length: count }, (_, i) => (i * 104_729) % 200),
      topics: Array.from({ length: count }, (_, i) => [i % 200, (i * 3) % 200]),
    };
    const facets = compileFacets(index);
    const anyTopic = new Uint8Array(200);
    anyTopic[3] = anyTopic[42] = anyTopic[99] = 1;
    const query = {
      criteria: { ...ANY_ROW, anyTopic, video: 0 },
      terms: [],
      shards: new Map(),
      order: 'trending' as const,
    };
    searchRows(facets, query);
    const started = performance.now();
    const rows = searchRows(facets, query);
    const elapsed = performance.now() - started;
    expect(rows.length).toBeGreaterThan(0);
    // The target is 50 ms on a slow machine; a loose bound here only catches accidental O(n²).
    expect(elapsed).toBeLessThan(250);
  });

  it('is warmed up without a change to the index or to any answer, also with no rows or no topics', () => {
    const rows = [
      { at: '2023-09-03T00:00:00Z', provider: 0, heat: 5, quality: 3, topics: [1, 2] },
      { at: '2023-09-02T00:00:00Z', provider: 1, heat: 50, quality: 7, video: true },
      { at: '2023-09-01T00:00:00Z', provider: 0, heat: 20, topics: [0] },
    ];
    for (const index of [facetIndex(rows), facetIndex([]), facetIndex(rows.map(({ topics: _, ...row }) => row))]) {
      const facets = compileFacets(index);
      const query = (order: 'trending' | 'quality') => [
        ...searchRows(facets, { criteria: { ...ANY_ROW, provider: 0 }, terms: [], shards: new Map(), order }),
      ];
      const before = { columns: structuredClone(facets), trending: query('trending'), quality: query('quality') };
      warmUp(facets);
      expect(structuredClone(facets)).toEqual(before.columns);
      expect(query('trending')).toEqual(before.trending);
      expect(query('quality')).toEqual(before.quality);
    }
  });
});
