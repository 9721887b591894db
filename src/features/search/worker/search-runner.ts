/**
 * Runs searches in a module worker, or in-thread with the same engine where there is no Worker
 * (jsdom tests). One runner per query client, so per app (and per test): the worker keeps the
 * decoded index between searches.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { ListPage } from '../../../feed/schema';
import {
  deserializeError,
  type ListPageRequest,
  type PrefetchRequest,
  type SearchRequest,
  type WorkerRequest,
  type WorkerResponse,
} from './search-protocol';

interface SearchRunner {
  search(request: SearchRequest): Promise<Int32Array>;
  prefetch(request: PrefetchRequest): void;
  listPage(request: ListPageRequest): Promise<ListPage>;
}

const runners = new WeakMap<QueryClient, SearchRunner>();

/** Rows of the "all" list matching `request`, in display order. */
export function runSearch(client: QueryClient, request: SearchRequest): Promise<Int32Array> {
  return runnerOf(client).search(request);
}

/** A page of a feed list, fetched and validated by the worker: what `listQueries.page` would give. */
export function fetchListPage(client: QueryClient, request: ListPageRequest): Promise<ListPage> {
  return runnerOf(client).listPage(request);
}

/** Start loading the index files of a search the reader is about to make (still typing). */
export function prefetchIndexFiles(client: QueryClient, request: PrefetchRequest): void {
  runnerOf(client).prefetch(request);
}

function runnerOf(client: QueryClient): SearchRunner {
  let runner = runners.get(client);
  if (!runner) {
    runner = typeof Worker === 'undefined' ? inThreadRunner() : workerRunner(() => runners.delete(client));
    runners.set(client, runner);
  }
  return runner;
}

/** The engine on this thread, loaded on first use so the browser bundle leaves it to the worker. */
function inThreadRunner(): SearchRunner {
  const engine = import('./search-engine').then(({ createSearchEngine }) =>
    createSearchEngine(import.meta.env.BASE_URL),
  );
  return {
    search: async (request) => (await (await engine).search(request)).rows,
    // An engine that failed to load is the search's to report.
    prefetch: (request) => void engine.then((loaded) => loaded.prefetch(request)).catch(() => undefined),
    listPage: async (request) => (await engine).listPage(request),
  };
}

function workerRunner(forget: () => void): SearchRunner {
  const worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module', name: 'search' });
  const pending = new Map<
    number,
    { postedAt: number; search: boolean; resolve: (answer: WorkerResponse) => void; reject: (error: Error) => void }
  >();
  let nextId = 0;
  worker.onmessage = ({ data }: MessageEvent<WorkerResponse>) => {
    const waiting = pending.get(data.id);
    pending.delete(data.id);
    // A User Timing entry per search (posted to answered, with the engine's own times), for
    // DevTools and the reader bench.
    if (waiting?.search) {
      performance.measure('newsstand:search', {
        start: waiting.postedAt,
        detail: 'timing' in data ? data.timing : null,
      });
    }
    if ('error' in data) waiting?.reject(deserializeError(data.error));
    else waiting?.resolve(data);
  };
  worker.onerror = (event) => {
    // The worker itself failed (its script did not load): every pending search fails, and the
    // next one starts a fresh worker.
    event.preventDefault();
    for (const waiting of pending.values()) waiting.reject(new Error('The search could not start.'));
    pending.clear();
    worker.terminate();
    forget();
  };
  const ask = (message: (id: number) => WorkerRequest & { id: number }, search: boolean) =>
    new Promise<WorkerResponse>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { postedAt: performance.now(), search, resolve, reject });
      worker.postMessage(message(id));
    });
  return {
    search: async (request) => {
      const answer = await ask((id) => ({ id, request }), true);
      if (!('rows' in answer)) throw new Error('The search worker gave no rows.');
      return answer.rows;
    },
    listPage: async (listPage) => {
      const answer = await ask((id) => ({ id, listPage }), false);
      if (!('listPage' in answer)) throw new Error('The search worker gave no list page.');
      return answer.listPage;
    },
    prefetch: (request) => worker.postMessage({ prefetch: request } satisfies WorkerRequest),
  };
}
