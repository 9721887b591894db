import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { FEED_SCHEMA_VERSION, FacetIndexSchema, TermShardSchema } from './schema';

const header = { schemaVersion: FEED_SCHEMA_VERSION, listVersion: 'v' };
const index = {
  ...header,
  count: 2,
  publishedMinute: [2, 1],
  provider: [0, 1],
  video: [0, 1],
  heat: [-1, 5],
  quality: [3, -1],
  topics: [[0], []],
};

describe('the search index schemas', () => {
  it('accept well-formed files', () => {
    expect(v.is(FacetIndexSchema, index)).toBe(true);
    expect(v.is(TermShardSchema, { ...header, terms: { cloud: [0, 1] } })).toBe(true);
  });

  it('reject a column of the wrong length or with a non-number', () => {
    expect(v.is(FacetIndexSchema, { ...index, heat: [1] })).toBe(false);
    expect(v.is(FacetIndexSchema, { ...index, provider: [0, '1'] })).toBe(false);
    expect(v.is(FacetIndexSchema, { ...index, topics: [[0], [null]] })).toBe(false);
    expect(v.is(TermShardSchema, { ...header, terms: { cloud: [0, 'x'] } })).toBe(false);
    expect(v.is(TermShardSchema, { ...header, terms: [[0]] })).toBe(false);
  });
});
