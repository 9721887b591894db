/** What the main thread and the search worker say to each other. */
import { FeedError, type FeedErrorKind } from '../../../feed/feed-error';
import type { ListPage } from '../../../feed/schema';
import type { ListRef } from '../../../feed/urls';
import type { RowCriteria } from '../utils/filter-rows';
import type { RowOrder } from '../utils/sort-rows';

/** One search, resolved to index numbers; the engine loads the index files it needs itself. */
export interface SearchRequest {
  /** The manifest's build: the engine drops index files of another build. */
  buildId: string;
  criteria: RowCriteria;
  /** Query terms; empty for no text search. */
  terms: readonly string[];
  /** The term shards the terms need. */
  termKeys: readonly string[];
  order: RowOrder;
}

/** Index files to load ahead of a search (the reader is still typing); nothing is answered. */
export interface PrefetchRequest {
  buildId: string;
  termKeys: readonly string[];
}

/** A page of a feed list, fetched and checked in the worker (the results' cards). */
export interface ListPageRequest {
  list: ListRef;
  page: number;
}

export type WorkerRequest =
  { id: number; request: SearchRequest } | { id: number; listPage: ListPageRequest } | { prefetch: PrefetchRequest };

/** Where a search's time went in the engine, in milliseconds. */
export interface SearchTiming {
  /** Waiting for index files: fetching, checking and decoding any not loaded yet. */
  loadMs: number;
  /** Filtering, matching and sorting. */
  computeMs: number;
}

/** Rows of the "all" list in display order, in a transferred buffer. */
export interface SearchAnswer {
  rows: Int32Array;
  timing: SearchTiming;
}

/** A search's answer, a list page, or why there is none. */
export type WorkerResponse =
  ({ id: number } & SearchAnswer) | { id: number; listPage: ListPage } | { id: number; error: SerializedError };

export interface SerializedError {
  message: string;
  feed: { kind: FeedErrorKind; url: string; status: number | null } | null;
}

/** Errors cross the worker boundary as data; a FeedError must stay one so the view offers Retry. */
export function serializeError(error: unknown): SerializedError {
  const message = error instanceof Error ? error.message : String(error);
  const feed = error instanceof FeedError ? { kind: error.kind, url: error.url, status: error.status } : null;
  return { message, feed };
}

export function deserializeError({ message, feed }: SerializedError): Error {
  return feed ? new FeedError(feed.kind, feed.url, message, feed.status) : new Error(message);
}
