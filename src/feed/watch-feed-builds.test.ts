import { QueryClient, QueryObserver, type QueryKey } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { feedQueries, listQueries } from './queries';
import type { FeedStart } from './schema';
import { watchFeedBuilds } from './watch-feed-builds';

/**
 * A feed file server whose answer the test changes as builds are published: a whole-feed file
 * of build X is `{ buildId: X }`; the start file also names the all-articles list's version,
 * `all-X` (every build here reorders that list).
 */
function server(initialBuildId: string, fileOf = (buildId: string): object => ({ buildId })) {
  let current = initialBuildId;
  const fn = vi.fn(async () => fileOf(current));
  return Object.assign(fn, {
    publish: (buildId: string) => {
      current = buildId;
    },
  });
}

const startFile = (buildId: string) => ({ buildId, allListVersion: `all-${buildId}` });
/** A list page, which carries its list's version instead of a build id. */
const listPage = (listVersion: string) => server(listVersion, (version) => ({ listVersion: version }));

const START_KEY = feedQueries.start().queryKey;
const MANIFEST_KEY = feedQueries.manifest().queryKey;
const TOPICS_KEY = feedQueries.topics().queryKey;
const FACETS_KEY: QueryKey = ['feed', 'index', 'facets'];
const ALL_PAGE_1 = listQueries.page({ kind: 'all' }, 1).queryKey;
const ALL_PAGE_2 = listQueries.page({ kind: 'all' }, 2).queryKey;
const TOPIC_PAGE_1 = listQueries.page({ kind: 'topic', slug: 'ai' }, 1).queryKey;
const TOPIC_PAGE_2 = listQueries.page({ kind: 'topic', slug: 'ai' }, 2).queryKey;
const OTHER_TOPIC_PAGE_1 = listQueries.page({ kind: 'topic', slug: 'power-apps' }, 1).queryKey;
const DETAIL_KEY: QueryKey = ['feed', 'articles', 'detail', 'some-article'];

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((cleanup) => cleanup());
});

/** Watch `client`, refreshing the start file from `start`; stopped after the test. */
function watch(client: QueryClient, start: ReturnType<typeof server>, onUpdated: () => void) {
  // Only the buildId matters to the watcher; the rest of a start file is left out.
  const fetchStart = start as unknown as () => Promise<FeedStart>;
  cleanups.push(watchFeedBuilds(client, { onUpdated, fetchStart }), () => client.clear());
}

async function setup(startBuild: string, startOf: (buildId: string) => object = startFile) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const start = server(startBuild, startOf);
  await client.fetchQuery({ queryKey: START_KEY, queryFn: start });
  const onUpdated = vi.fn();
  watch(client, start, onUpdated);
  /** A file on screen: observed, so it refetches when invalidated. */
  const show = (queryKey: QueryKey, file: ReturnType<typeof server>) => {
    const observer = new QueryObserver(client, { queryKey, queryFn: file });
    cleanups.push(observer.subscribe(() => {}));
    return observer;
  };
  return { client, start, onUpdated, show };
}

/** Lets every pending fetch and refresh finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('watchFeedBuilds', () => {
  it('refreshes once when a file comes from a newer build, and says so', async () => {
    const { client, start, onUpdated, show } = await setup('A');
    await client.fetchQuery({ queryKey: DETAIL_KEY, queryFn: async () => ({ buildId: 'A' }) });
    start.publish('B');
    const topics = server('B');
    show(TOPICS_KEY, topics);

    await vi.waitFor(() => expect(onUpdated).toHaveBeenCalledTimes(1));
    await settle();
    expect(start).toHaveBeenCalledTimes(2);
    expect(client.getQueryData(START_KEY)).toEqual(startFile('B'));
    // The file on screen is fetched again from the new build; the one off screen is dropped.
    expect(topics).toHaveBeenCalledTimes(2);
    expect(client.getQueryState(DETAIL_KEY)).toBeUndefined();
    expect(onUpdated).toHaveBeenCalledTimes(1);
  });

  it('does nothing while the builds agree', async () => {
    const { start, onUpdated, show } = await setup('A');
    show(TOPICS_KEY, server('A'));
    show(ALL_PAGE_1, listPage('all-A'));
    show(TOPIC_PAGE_1, listPage('ai-1'));
    show(TOPIC_PAGE_2, listPage('ai-1'));
    await settle();
    expect(start).toHaveBeenCalledTimes(1);
    expect(onUpdated).not.toHaveBeenCalled();
  });

  it('does not loop when the start file stays behind a newer file', async () => {
    const { start, onUpdated, show } = await setup('A');
    const observer = show(TOPICS_KEY, server('B'));
    await vi.waitFor(() => expect(start).toHaveBeenCalledTimes(2));
    await observer.refetch();
    await settle();
    expect(start).toHaveBeenCalledTimes(2);
    expect(onUpdated).not.toHaveBeenCalled();
  });

  it('settles when one file stays behind the new start file', async () => {
    const { start, onUpdated, show } = await setup('A');
    start.publish('B');
    show(TOPICS_KEY, server('A'));
    show(FACETS_KEY, server('B'));
    await vi.waitFor(() => expect(onUpdated).toHaveBeenCalledTimes(1));
    await settle();
    await settle();
    // A→B refreshed to B; the lagging A file then asks once more (B→A), finds nothing newer, and stops.
    expect(start.mock.calls.length).toBeLessThanOrEqual(3);
    const calls = start.mock.calls.length;
    await settle();
    expect(start).toHaveBeenCalledTimes(calls);
    expect(onUpdated).toHaveBeenCalledTimes(1);
  });

  it('checks files fetched before it started watching', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    const start = server('A', startFile);
    await client.fetchQuery({ queryKey: START_KEY, queryFn: start });
    start.publish('B');
    await client.fetchQuery({ queryKey: TOPICS_KEY, queryFn: async () => ({ buildId: 'B' }) });
    const onUpdated = vi.fn();
    watch(client, start, onUpdated);
    await vi.waitFor(() => expect(onUpdated).toHaveBeenCalledTimes(1));
  });

  it('treats the full manifest as one more file of the build: a newer one switches, and it is refetched', async () => {
    const { client, start, onUpdated, show } = await setup('A');
    start.publish('B');
    const manifest = server('B');
    show(MANIFEST_KEY, manifest);
    await vi.waitFor(() => expect(onUpdated).toHaveBeenCalledTimes(1));
    await settle();
    expect(client.getQueryData(START_KEY)).toEqual(startFile('B'));
    expect(manifest).toHaveBeenCalledTimes(2);
  });

  it('switches when a page of all articles is of another order than the start file names', async () => {
    const { client, start, onUpdated, show } = await setup('A');
    start.publish('B');
    const page = listPage('all-B');
    show(ALL_PAGE_1, page);
    await vi.waitFor(() => expect(onUpdated).toHaveBeenCalledTimes(1));
    await settle();
    expect(client.getQueryData(START_KEY)).toEqual(startFile('B'));
    expect(page).toHaveBeenCalledTimes(2);
  });

  describe('when an article joined page 1 of all articles, which alone changed', () => {
    // Builds A and B: the older pages' order is the same, B has one article more.
    const startOf = (buildId: string) => ({ buildId, allListVersion: 'all', articleCount: buildId === 'A' ? 10 : 11 });
    const pageOne = (total: number) => server('all', () => ({ listVersion: 'all', total }));

    it("switches when page 1 holds another number of articles than the start file's", async () => {
      const { client, start, onUpdated, show } = await setup('A', startOf);
      start.publish('B');
      const page = pageOne(11);
      show(ALL_PAGE_1, page);
      await vi.waitFor(() => expect(onUpdated).toHaveBeenCalledTimes(1));
      await settle();
      expect(client.getQueryData(START_KEY)).toEqual(startOf('B'));
      expect(page).toHaveBeenCalledTimes(2);
    });

    it('lets the older pages of either build go with the start file', async () => {
      const { start, onUpdated, show } = await setup('A', startOf);
      show(ALL_PAGE_1, pageOne(10));
      start.publish('B');
      show(ALL_PAGE_2, listPage('all'));
      await settle();
      expect(start).toHaveBeenCalledTimes(1);
      expect(onUpdated).not.toHaveBeenCalled();
    });
  });

  it('switches when two pages of one list are of different orders', async () => {
    const { client, start, onUpdated, show } = await setup('A');
    show(TOPIC_PAGE_1, listPage('ai-1'));
    await settle();
    start.publish('B');
    show(TOPIC_PAGE_2, listPage('ai-2'));
    await vi.waitFor(() => expect(onUpdated).toHaveBeenCalledTimes(1));
    await settle();
    expect(client.getQueryData(START_KEY)).toEqual(startFile('B'));
  });

  it('lets pages of a list that a new build left alone, and pages of other lists, go together', async () => {
    const { start, onUpdated, show } = await setup('A');
    show(TOPIC_PAGE_1, listPage('ai-1'));
    await settle();
    // Build B changed another topic only: this list's next page has the same order.
    start.publish('B');
    show(TOPIC_PAGE_2, listPage('ai-1'));
    show(OTHER_TOPIC_PAGE_1, listPage('power-apps-2'));
    await settle();
    expect(start).toHaveBeenCalledTimes(1);
    expect(onUpdated).not.toHaveBeenCalled();
  });
});
