import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { FEED_SCHEMA_VERSION, FeedStartSchema, ImageSchema, ListPageSchema, TopicListSchema } from './schema';

const header = { schemaVersion: FEED_SCHEMA_VERSION, buildId: 'b' };
const listPage = { schemaVersion: FEED_SCHEMA_VERSION, listVersion: 'l', page: 1, pages: 0, total: 0, items: [] };
const start = { ...header, articleCount: 0, allListVersion: 'l', pageSize: 50, topicCount: 0, topics: [] };

describe('the feed file schemas', () => {
  it('accept well-formed files', () => {
    expect(v.is(ListPageSchema, listPage)).toBe(true);
    expect(v.is(FeedStartSchema, start)).toBe(true);
    expect(v.is(TopicListSchema, { ...header, topics: [] })).toBe(true);
  });

  it('reject a file without the format version or the build id (a list page: its list version), or of another version', () => {
    expect(v.is(ListPageSchema, { ...listPage, listVersion: undefined })).toBe(false);
    expect(v.is(ListPageSchema, { ...listPage, listVersion: '' })).toBe(false);
    expect(v.is(FeedStartSchema, { ...start, allListVersion: undefined })).toBe(false);
    expect(v.is(TopicListSchema, { buildId: 'b', topics: [] })).toBe(false);
    expect(v.is(FeedStartSchema, { ...start, schemaVersion: FEED_SCHEMA_VERSION + 1 })).toBe(false);
  });

  it('take counts as whole numbers from 0, and page numbers and sizes from 1', () => {
    expect(v.is(ListPageSchema, { ...listPage, total: -1 })).toBe(false);
    expect(v.is(ListPageSchema, { ...listPage, pages: 1.5 })).toBe(false);
    expect(v.is(ListPageSchema, { ...listPage, page: 0 })).toBe(false);
    expect(v.is(FeedStartSchema, { ...start, pageSize: 0 })).toBe(false);
    expect(v.is(FeedStartSchema, { ...start, topicCount: -1 })).toBe(false);
    expect(v.is(ImageSchema, { url: 'https://example.com/a.jpg', width: 0, height: 1 })).toBe(false);
    expect(v.is(ImageSchema, { url: 'https://example.com/a.jpg', width: 1, height: 1 })).toBe(true);
  });
});
