import { QueryClient, QueryObserver, type QueryKey } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { feedQueries } from './queries';
import type { Manifest } from './schema';
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

const MANIFEST_KEY = feedQueries.manifest().queryKey;
const SHARD_KEY: QueryKey = ['feed', 'lists', { kind: 'all' }, 1];
const OTHER_SHARD_KEY: QueryKey = ['feed', 'lists', { kind: 'all' }, 2];
const DETAIL_KEY: QueryKey = ['feed', 'articles', 'detail', 'some-article'];

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((cleanup) => cleanup());
});

/** Watch `client`, refreshing the manifest from `manifest`; stopped after the test. */
function watch(client: QueryClient, manifest: ReturnType<typeof server>, onUpdated: () => void) {
  // Only the buildId matters to the watcher; the rest of a manifest is left out.
  const fetchManifest = manifest as unknown as () => Promise<Manifest>;
  cleanups.push(watchFeedBuilds(client, { onUpdated, fetchManifest }), () => client.clear());
}

async function setup(manifestBuild: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const manifest = server(manifestBuild);
  await client.fetchQuery({ queryKey: MANIFEST_KEY, queryFn: manifest });
  const onUpdated = vi.fn();
  watch(client, manifest, onUpdated);
  /** A file on screen: observed, so it refetches when invalidated. */
  const show = (queryKey: QueryKey, file: ReturnType<typeof server>) => {
    const observer = new QueryObserver(client, { queryKey, queryFn: file });
    cleanups.push(observer.subscribe(() => {}));
    return observer;
  };
  return { client, manifest, onUpdated, show };
}

/** Lets every pending fetch and refresh finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('watchFeedBuilds', () => {
  it('refreshes once when a file comes from a newer build, and says so', async () => {
    const { client, manifest, onUpdated, show } = await setup('A');
    await client.fetchQuery({ queryKey: DETAIL_KEY, queryFn: async () => ({ buildId: 'A' }) });
    manifest.publish('B');
    const shard = server('B');
    show(SHARD_KEY, shard);

    await vi.waitFor(() => expect(onUpdated).toHaveBeenCalledTimes(1));
    await settle();
    expect(manifest).toHaveBeenCalledTimes(2);
    expect(client.getQueryData(MANIFEST_KEY)).toEqual({ buildId: 'B' });
    // The file on screen is fetched again from the new build; the one off screen is dropped.
    expect(shard).toHaveBeenCalledTimes(2);
    expect(client.getQueryState(DETAIL_KEY)).toBeUndefined();
    expect(onUpdated).toHaveBeenCalledTimes(1);
  });

  it('does nothing while the builds agree', async () => {
    const { manifest, onUpdated, show } = await setup('A');
    show(SHARD_KEY, server('A'));
    await settle();
    expect(manifest).toHaveBeenCalledTimes(1);
    expect(onUpdated).not.toHaveBeenCalled();
  });

  it('does not loop when the manifest stays behind a newer file', async () => {
    const { manifest, onUpdated, show } = await setup('A');
    const observer = show(SHARD_KEY, server('B'));
    await vi.waitFor(() => expect(manifest).toHaveBeenCalledTimes(2));
    await observer.refetch();
    await settle();
    expect(manifest).toHaveBeenCalledTimes(2);
    expect(onUpdated).not.toHaveBeenCalled();
  });

  it('settles when one file stays behind the new manifest', async () => {
    const { manifest, onUpdated, show } = await setup('A');
    manifest.publish('B');
    show(SHARD_KEY, server('A'));
    show(OTHER_SHARD_KEY, server('B'));
    await vi.waitFor(() => expect(onUpdated).toHaveBeenCalledTimes(1));
    await settle();
    await settle();
    // A→B refreshed to B; the lagging A file then asks once more (B→A), finds nothing newer, and stops.
    expect(manifest.mock.calls.length).toBeLessThanOrEqual(3);
    const calls = manifest.mock.calls.length;
    await settle();
    expect(manifest).toHaveBeenCalledTimes(calls);
    expect(onUpdated).toHaveBeenCalledTimes(1);
  });

  it('checks files fetched before it started watching', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    const manifest = server('A');
    await client.fetchQuery({ queryKey: MANIFEST_KEY, queryFn: manifest });
    manifest.publish('B');
    await client.fetchQuery({ queryKey: SHARD_KEY, queryFn: async () => ({ buildId: 'B' }) });
    const onUpdated = vi.fn();
    watch(client, manifest, onUpdated);
    await vi.waitFor(() => expect(onUpdated).toHaveBeenCalledTimes(1));
  });
});
