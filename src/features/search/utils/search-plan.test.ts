import { describe, expect, it } from 'vitest';
import { FEED_SCHEMA_VERSION, type Manifest } from '../../../feed/schema';
import { planSearch, resolveCriteria, type SearchCriteria } from './search-plan';

const none: SearchCriteria = { topics: [], provider: null, type: null, from: null, to: null, q: '', sort: 'newest' };

const manifest: Manifest = {
  schemaVersion: FEED_SCHEMA_VERSION,
  buildId: 'test',
  generatedAt: '2024-01-01T00:00:00Z',
  title: 'Test',
  articleCount: 0,
  pageSize: 50,
  pages: 0,
  topics: ['ai', 'portals', 'canvas-apps'].map((slug) => ({ slug, name: slug, count: 0, pages: 0 })),
  providers: ['bbc-com', 'cnn-com'].map((slug) => ({ slug, name: slug, domain: slug, logo: null, count: 0, pages: 0 })),
  paths: {},
};

describe('planSearch', () => {
  it('reads a single list straight from its shards', () => {
    expect(planSearch(none, {})).toEqual({ mode: 'shard', list: { kind: 'all' } });
    expect(planSearch({ ...none, topics: ['ai'] }, {})).toEqual({ mode: 'shard', list: { kind: 'topic', slug: 'ai' } });
    expect(planSearch({ ...none, provider: 'bbc-com' }, {})).toEqual({
      mode: 'shard',
      list: { kind: 'provider', slug: 'bbc-com' },
    });
    expect(planSearch(none, { topic: 'portals' })).toEqual({ mode: 'shard', list: { kind: 'topic', slug: 'portals' } });
    expect(planSearch({ ...none, topics: ['portals'] }, { topic: 'portals' }).mode).toBe('shard');
  });

  it('needs the index for combinations, other orders, types, dates and text', () => {
    expect(planSearch({ ...none, topics: ['ai', 'portals'] }, {}).mode).toBe('index');
    expect(planSearch({ ...none, topics: ['ai'], provider: 'bbc-com' }, {}).mode).toBe('index');
    expect(planSearch({ ...none, topics: ['ai'] }, { topic: 'portals' }).mode).toBe('index');
    expect(planSearch(none, { provider: 'bbc-com', topic: 'ai' }).mode).toBe('index');
    expect(planSearch({ ...none, sort: 'trending' }, {}).mode).toBe('index');
    expect(planSearch({ ...none, type: 'video' }, {}).mode).toBe('index');
    expect(planSearch({ ...none, from: '2023-09-01' }, {}).mode).toBe('index');
  });

  it('asks for the term shards of the query only', () => {
    expect(planSearch({ ...none, q: 'Power portals' }, {})).toEqual({
      mode: 'index',
      terms: ['power', 'portals'],
      termKeys: ['po'],
    });
    // Only stop words or one-letter words: no text search at all.
    expect(planSearch({ ...none, q: 'the a' }, {}).mode).toBe('shard');
  });
});

describe('resolveCriteria', () => {
  it('turns slugs into manifest indexes, unknown ones into matching nothing', () => {
    const criteria = resolveCriteria({ ...none, topics: ['portals', 'nope'], provider: 'cnn-com' }, {}, manifest);
    expect([...criteria.anyTopic!]).toEqual([0, 1, 0]);
    expect(criteria.provider).toBe(1);
    expect(resolveCriteria({ ...none, provider: 'nope' }, {}, manifest).provider).toBe(-2);
    expect(resolveCriteria(none, { topic: 'canvas-apps' }, manifest).requiredTopic).toBe(2);
  });

  it('lets the page scope win over the provider filter', () => {
    expect(resolveCriteria({ ...none, provider: 'cnn-com' }, { provider: 'bbc-com' }, manifest).provider).toBe(0);
  });

  it('makes date ranges whole UTC days, both ends included', () => {
    const { fromMinute, toMinute } = resolveCriteria({ ...none, from: '2023-09-10', to: '2023-09-10' }, {}, manifest);
    const minute = (iso: string) => Date.parse(iso) / 60_000;
    expect(fromMinute).toBe(minute('2023-09-10T00:00:00Z'));
    expect(toMinute).toBeGreaterThanOrEqual(minute('2023-09-10T23:59:00Z'));
    expect(toMinute).toBeLessThan(minute('2023-09-11T00:00:00Z'));
  });

  it('maps the type filter', () => {
    expect(resolveCriteria({ ...none, type: 'video' }, {}, manifest).video).toBe(1);
    expect(resolveCriteria({ ...none, type: 'article' }, {}, manifest).video).toBe(0);
    expect(resolveCriteria(none, {}, manifest).video).toBe(-1);
  });
});
