import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FEED_TIMEOUT_MS, FeedError, fetchFeedFile } from './fetch-feed';
import { FEED_SCHEMA_VERSION } from './schema';

const Schema = v.object({ schemaVersion: v.literal(FEED_SCHEMA_VERSION), name: v.string() });
const OK_FILE = { schemaVersion: FEED_SCHEMA_VERSION, name: 'ok' };

function answer(body: string, init: ResponseInit) {
  vi.stubGlobal('fetch', async () => new Response(body, init));
}

async function failure(): Promise<FeedError> {
  const error = await fetchFeedFile('/feed/x.json', Schema).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(FeedError);
  return error as FeedError;
}

/** A fetch that never answers, like a stalled server; it fails only when its signal aborts. */
function hang() {
  vi.stubGlobal(
    'fetch',
    (_url: string, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('fetchFeedFile', () => {
  it('parses a valid file', async () => {
    answer(JSON.stringify(OK_FILE), { status: 200, headers: { 'Content-Type': 'application/json' } });
    await expect(fetchFeedFile('/feed/x.json', Schema)).resolves.toEqual(OK_FILE);
  });

  it('calls a 404 not-found', async () => {
    answer('Not found', { status: 404 });
    expect((await failure()).kind).toBe('not-found');
  });

  it('calls the HTML page of a single-page-app fallback not-found', async () => {
    answer('<!doctype html><html></html>', { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    expect(await failure()).toMatchObject({ kind: 'not-found', status: 404 });
  });

  it('calls a truncated file invalid', async () => {
    answer(`{"schemaVersion":${FEED_SCHEMA_VERSION},"na`, {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
    expect((await failure()).kind).toBe('invalid');
  });

  it('calls another format version a version error', async () => {
    answer(JSON.stringify({ schemaVersion: FEED_SCHEMA_VERSION + 1 }), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
    expect((await failure()).kind).toBe('version');
  });

  it('calls a server error an http error with its status', async () => {
    answer('oops', { status: 500 });
    expect(await failure()).toMatchObject({ kind: 'http', status: 500 });
  });

  it('calls a refused connection a network error', async () => {
    vi.stubGlobal('fetch', async () => Promise.reject(new TypeError('Failed to fetch')));
    expect((await failure()).kind).toBe('network');
  });

  it('gives up on a server that never answers after FEED_TIMEOUT_MS', async () => {
    vi.useFakeTimers();
    hang();
    const pending = fetchFeedFile('/feed/x.json', Schema).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(FEED_TIMEOUT_MS - 1);
    let settled = false;
    void pending.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toMatchObject({ kind: 'timeout' });
  });

  it('rethrows an abort by the caller as it is, not as a feed error', async () => {
    hang();
    const controller = new AbortController();
    const pending = fetchFeedFile('/feed/x.json', Schema, controller.signal).catch((caught: unknown) => caught);
    controller.abort();
    const error = await pending;
    expect(error).not.toBeInstanceOf(FeedError);
    expect(error).toMatchObject({ name: 'AbortError' });
  });
});
