/**
 * The search engine as the worker runs it, against the sample feed served by a stubbed fetch:
 * an answer starts loading its first results' card pages, and the page requests that follow
 * take those loads instead of fetching again.
 */
import { describe, expect, it } from 'vitest';
import { ANY_ROW } from '../../src/features/search/utils/filter-rows';
import { createSearchEngine, FIRST_SCREEN_ROWS } from '../../src/features/search/worker/search-engine';
import type { SearchRequest } from '../../src/features/search/worker/search-protocol';
import { pagePlace } from '../../src/feed/list-layout';
import { ManifestSchema } from '../../src/feed/schema';
import { ALL_ARTICLES, feedPaths } from '../../src/feed/urls';
import { setupFeedFixture } from '../support/feed-fixture';

const feed = setupFeedFixture();

/** Let the engine's deferred work (a timer) and the fetches it starts run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

async function request(order: SearchRequest['order'], pageSize?: number): Promise<SearchRequest> {
  const manifest = await feed.read(feedPaths.manifest(), ManifestSchema);
  return {
    buildId: manifest.buildId,
    criteria: ANY_ROW,
    terms: [],
    termKeys: [],
    order,
    pageSize: pageSize ?? manifest.pageSize,
  };
}

const pageRequests = () => feed.requests.filter((path) => path.startsWith('lists/all/'));

describe('search engine', () => {
  it('starts loading the pages of the first results once it has answered', async () => {
    const engine = createSearchEngine('/');
    // Pages of 3 cards, so the first results span several pages; ordered by quality, out of list order.
    const { rows } = await engine.search(await request('quality', 3));
    expect(pageRequests()).toEqual([]);
    await settle();
    const firstPages = new Set(
      Array.from(rows.subarray(0, FIRST_SCREEN_ROWS), (row) => pagePlace(row, rows.length, 3).page),
    );
    expect(firstPages.size).toBeGreaterThan(1);
    expect(new Set(pageRequests())).toEqual(new Set([...firstPages].map((page) => `lists/all/${page}.json`)));
    expect(pageRequests()).toHaveLength(firstPages.size);
  });

  it('hands a started page over once, then fetches it again', async () => {
    const engine = createSearchEngine('/');
    const { rows } = await engine.search(await request('newest'));
    await settle();
    const { page } = pagePlace(rows[0]!, rows.length, (await request('newest')).pageSize);
    expect(pageRequests()).toEqual([`lists/all/${page}.json`]);

    const handed = await engine.listPage({ list: ALL_ARTICLES, page });
    expect(handed.page).toBe(page);
    expect(pageRequests()).toHaveLength(1);
    await engine.listPage({ list: ALL_ARTICLES, page });
    expect(pageRequests()).toHaveLength(2);
  });

  it('fetches a first page again when its early load failed', async () => {
    const engine = createSearchEngine('/');
    feed.failPath('lists/all/1.json');
    await engine.search(await request('newest'));
    await settle();
    feed.restorePath('lists/all/1.json');
    const page = await engine.listPage({ list: ALL_ARTICLES, page: 1 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(pageRequests()).toEqual(['lists/all/1.json', 'lists/all/1.json']);
  });
});
