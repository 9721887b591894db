/// <reference lib="webworker" />
/** The search worker: index files, every search and the results' list pages stay off the main thread. */
import { createSearchEngine } from './search-engine';
import { serializeError, type WorkerRequest, type WorkerResponse } from './search-protocol';

const engine = createSearchEngine(import.meta.env.BASE_URL);
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async ({ data }: MessageEvent<WorkerRequest>) => {
  if ('prefetch' in data) {
    engine.prefetch(data.prefetch);
    return;
  }
  let response: WorkerResponse;
  try {
    if ('listPage' in data) {
      scope.postMessage({ id: data.id, listPage: await engine.listPage(data.listPage) } satisfies WorkerResponse);
      return;
    }
    const answer = await engine.search(data.request);
    scope.postMessage({ id: data.id, ...answer } satisfies WorkerResponse, [answer.rows.buffer]);
    return;
  } catch (error) {
    response = { id: data.id, error: serializeError(error) };
  }
  scope.postMessage(response);
};
