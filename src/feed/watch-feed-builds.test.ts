import { QueryClient, QueryObserver, type QueryKey } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { feedQueries } from './queries';
import type { FeedStart } from './schema';
import { watchFeedBuilds } from './watch-feed-builds';

/** A feed file server whose answer (a buildId) the test changes as builds are published. */
function server(initialBuildId: string) {
  let current = initialBuildId;
  const fn = vi.fn(async () => ({ buildId: current }));
  return Object.assign(fn, {
    publish: (buildId: string) => {
      current = buildId;
    },
  });
}

const START_KEY = feedQueries.start().queryKey;
const MANIFEST_KEY = feedQueries.manifest().queryKey;
const SHARD_KEY: QueryKey = ['feed', 'lists', { kind: 'all' }, 1];
const OTHER_SHARD_KEY: QueryKey = ['feed', 'lists', { kind: 'all' }, 2];
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

async function setup(startBuild: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const start = server(startBuild);
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
    const shard = server('B');
    show(SHARD_KEY, shard);

    await vi.waitFor(() => expect(onUpdated).toHaveBeenCalledTimes(1));
    await settle();
    expect(start).toHaveBeenCalledTimes(2);
    expect(client.getQueryData(START_KEY)).toEqual({ buildId: 'B' });
    // The file on screen is fetched again from the new build; the one off screen is dropped.
    expect(shard).toHaveBeenCalledTimes(2);
    expect(client.getQueryState(DETAIL_KEY)).toBeUndefined();
    expect(onUpdated).toHaveBeenCalledTimes(1);
  });

  it('does nothing while the builds agree', async () => {
    const { start, onUpdated, show } = await setup('A');
    show(SHARD_KEY, server('A'));
    await settle();
    expect(start).toHaveBeenCalledTimes(1);
    expect(onUpdated).not.toHaveBeenCalled();
  });

  it('does not loop when the start file stays behind a newer file', async () => {
    const { start, onUpdated, show } = await setup('A');
    const observer = show(SHARD_KEY, server('B'));
    await vi.waitFor(() => expect(start).toHaveBeenCalledTimes(2));
    await observer.refetch();
    await settle();
    expect(start).toHaveBeenCalledTimes(2);
    expect(onUpdated).not.toHaveBeenCalled();
  });

  it('settles when one file stays behind the new start file', async () => {
    const { start, onUpdated, show } = await setup('A');
    start.publish('B');
    show(SHARD_KEY, server('A'));
    show(OTHER_SHARD_KEY, server('B'));
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
    const start = server('A');
    await client.fetchQuery({ queryKey: START_KEY, queryFn: start });
    start.publish('B');
    await client.fetchQuery({ queryKey: SHARD_KEY, queryFn: async () => ({ buildId: 'B' }) });
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
    expect(client.getQueryData(START_KEY)).toEqual({ buildId: 'B' });
    expect(manifest).toHaveBeenCalledTimes(2);
  });
});
