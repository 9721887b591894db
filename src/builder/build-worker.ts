/** A build worker: parses the files it is sent, or writes them, one request at a time, in order. */
import { parentPort } from 'node:worker_threads';
import { normalizeContext, type NormalizeContext } from './normalize';
import { processTask } from './parse-file';
import { writeBatch, type WorkerRequest, type WorkerResponse } from './worker-protocol';

let context: NormalizeContext | null = null;

parentPort?.on('message', (request: WorkerRequest) => {
  let response: WorkerResponse;
  switch (request.kind) {
    case 'init':
      context = normalizeContext(request.taxonomy);
      return;
    case 'parse':
      response = { kind: 'parsed', id: request.id, results: request.tasks.map((task) => processTask(task, context!)) };
      break;
    case 'write':
      response = { kind: 'written', id: request.id, error: writeBatch(request.batch) };
      break;
  }
  parentPort!.postMessage(response);
});
