import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FeedError, fetchFeedFile } from './fetch-feed';

const Schema = v.object({ schemaVersion: v.literal(1), name: v.string() });

function answer(body: string, init: ResponseInit) {
  vi.stubGlobal('fetch', async () => new Response(body, init));
}

async function failure(): Promise<FeedError> {
  const error = await fetchFeedFile('/feed/x.json', Schema).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(FeedError);
  return error as FeedError;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fetchFeedFile', () => {
  it('parses a valid file', async () => {
    answer('{"schemaVersion":1,"name":"ok"}', { status: 200, headers: { 'Content-Type': 'application/json' } });
    await expect(fetchFeedFile('/feed/x.json', Schema)).resolves.toEqual({ schemaVersion: 1, name: 'ok' });
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
    answer('{"schemaVersion":1,"na', { status: 200, headers: { 'Content-Type': 'application/json' } });
    expect((await failure()).kind).toBe('invalid');
  });

  it('calls another format version a version error', async () => {
    answer('{"schemaVersion":2}', { status: 200, headers: { 'Content-Type': 'application/json' } });
    expect((await failure()).kind).toBe('version');
  });
});
