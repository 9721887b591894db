/**
 * A build worker: parses the files it is sent, writes them, or ranks related articles, one
 * request at a time, in order.
 */
import { parentPort } from 'node:worker_threads';
import { normalizeContext, type NormalizeContext } from './normalize';
import { RelatedRanker } from './related-ranker';
import { TermVocabulary } from './search-index';
import {
  DraftNumbers,
  internTerms,
  parseRequest,
  writeBatch,
  type WorkerRequest,
  type WorkerResponse,
} from './worker-protocol';

let context: NormalizeContext | null = null;
/** The same, for requests whose terms the worker interns (see internTerms). */
let termlessContext: NormalizeContext | null = null;
let ranker: RelatedRanker | null = null;
let worker = 0;
/** The vocabulary and draft numbers of the current session (see InternedTerms, NumberedDrafts). */
let current: { session: number; vocabulary: TermVocabulary; drafts: DraftNumbers } | null = null;

parentPort?.on('message', (request: WorkerRequest) => {
  let response: WorkerResponse;
  let transfer: ArrayBuffer[] = [];
  switch (request.kind) {
    case 'init':
      context = normalizeContext(request.taxonomy);
      termlessContext = { ...context, skipTerms: true };
      worker = request.worker;
      return;
    case 'rank-init':
      ranker = new RelatedRanker(request.input);
      return;
    case 'parse': {
      const session = request.termSession;
      // Interned terms are read from title and excerpt (see internTerms): none to make here.
      const parsed = parseRequest(request.tasks, request.cache, session !== null ? termlessContext! : context!);
      if (session !== null && current?.session !== session)
        current = { session, vocabulary: new TermVocabulary(), drafts: new DraftNumbers() };
      const interned = session !== null ? internTerms(parsed.results, current!.vocabulary, worker) : null;
      const drafts = session !== null ? current!.drafts.number(parsed.results, worker) : null;
      // The ids are in shared memory (see toLists): posted, not copied.
      response = { kind: 'parsed', id: request.id, ...parsed, terms: interned, drafts };
      break;
    }
    case 'write':
      response = { kind: 'written', id: request.id, error: writeBatch(request.batch), bytes: request.batch.bytes };
      transfer = [request.batch.bytes];
      break;
    case 'rank': {
      const ranked = ranker ? ranker.rankMany(request.rows) : null;
      response = { kind: 'ranked', id: request.id, ranked };
      if (ranked) transfer = [ranked.counts.buffer as ArrayBuffer, ranked.picks.buffer as ArrayBuffer];
      break;
    }
  }
  parentPort!.postMessage(response, transfer);
});
