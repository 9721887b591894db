import { describe, expect, it } from 'vitest';
import { compileFacets } from './compiled-facets';
import { ANY_ROW, filterRows, type RowCriteria } from './filter-rows';
import { facetIndex } from './test-facets';

// Newest first, as the "all" list is.
const facets = compileFacets(
  facetIndex([
    { at: '2023-09-30T10:00:00Z', provider: 0, topics: [0, 1] },
    { at: '2023-09-20T10:00:00Z', provider: 1, video: true, topics: [1] },
    { at: '2023-09-10T23:59:00Z', provider: 0, topics: [2] },
    { at: '2023-09-10T00:00:00Z', provider: 2, video: true, topics: [] },
    { at: '2023-09-01T08:00:00Z', provider: 1, topics: [0, 2] },
  ]),
);

const rows = (criteria: Partial<RowCriteria>, candidates: number[] | null = null) => [
  ...filterRows(facets, { ...ANY_ROW, ...criteria }, candidates ? Uint32Array.from(candidates) : null),
];
const mask = (...topics: number[]) => {
  const flags = new Uint8Array(3);
  for (const topic of topics) flags[topic] = 1;
  return flags;
};

describe('filterRows', () => {
  it('keeps every row, oldest first, without criteria', () => {
    expect(rows({})).toEqual([0, 1, 2, 3, 4]);
  });

  it('filters by provider and type', () => {
    expect(rows({ provider: 1 })).toEqual([1, 4]);
    expect(rows({ video: 1 })).toEqual([1, 3]);
    expect(rows({ video: 0, provider: 1 })).toEqual([4]);
  });

  it('matches nothing for an unknown provider or topic', () => {
    expect(rows({ provider: -2 })).toEqual([]);
    expect(rows({ requiredTopic: -2 })).toEqual([]);
    expect(rows({ anyTopic: mask() })).toEqual([]);
  });

  it('ORs the selected topics and ANDs the page topic', () => {
    expect(rows({ anyTopic: mask(0, 2) })).toEqual([0, 2, 4]);
    expect(rows({ requiredTopic: 1 })).toEqual([0, 1]);
    expect(rows({ requiredTopic: 2, anyTopic: mask(0) })).toEqual([4]);
  });

  it('keeps dates within inclusive minute bounds', () => {
    const minute = (iso: string) => Date.parse(iso) / 60_000;
    expect(rows({ fromMinute: minute('2023-09-10T00:00:00Z'), toMinute: minute('2023-09-10T23:59:00Z') })).toEqual([
      2, 3,
    ]);
    expect(rows({ fromMinute: minute('2023-09-21T00:00:00Z') })).toEqual([0]);
  });

  it('checks only the candidate rows when given', () => {
    expect(rows({ provider: 0 }, [2, 3, 4])).toEqual([2]);
    expect(rows({}, [])).toEqual([]);
  });
});
