/**
 * Worker threads for the two heavy phases of a large build: reading + parsing + normalizing
 * the files (YAML parsing dominates), and writing the output files (100k small files are
 * mostly system-call time, which threads overlap). Small builds run inline instead, where
 * starting workers would cost more than it saves.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DraftPool, normalizeContext, type NormalizeContext } from './normalize';
import { byShard, type CacheSpec } from './source-cache';
import type { FileResult, FileTask } from './parse-file';
import type { FileStats } from './stat-files';
import type { Taxonomy } from './taxonomy';
import { listOf } from './lists';
import { type RankedRows, type RankerInput } from './related-ranker';
import type { TermVocabulary } from './search-index';
import type { WriteLane } from './write-feed';
import {
  parseRequest,
  withDrafts,
  writeBatch,
  type Draft,
  type FileBatch,
  type InternedTerms,
  type NumberedDrafts,
  type ShardRef,
  type SharedChunk,
  type WorkerRequest,
  type WorkerResponse,
} from './worker-protocol';

export type { FileBatch } from './worker-protocol';

/** Below this many files, work inline. */
export const WORKER_THRESHOLD = 3000;
const PARSE_CHUNK = 250;
/** Requests queued per worker, so a worker never waits for the main thread. */
const IN_FLIGHT_PER_WORKER = 2;

/**
 * One worker per core (at most 8) for large inputs, none for small ones.
 * `NEWSSTAND_BUILD_WORKERS` overrides the count (0 = inline), e.g. for benchmarks.
 */
export function defaultWorkerCount(files: number): number {
  const override = Number.parseInt(process.env.NEWSSTAND_BUILD_WORKERS ?? '', 10);
  if (Number.isInteger(override) && override >= 0) return override;
  return files >= WORKER_THRESHOLD ? Math.min(availableParallelism(), 8) : 0;
}

// Paths from this file's own path, not `new URL('./x', import.meta.url)`: Vite rewrites that pattern
// into a web asset URL when the builder runs under Vitest's jsdom environment (route tests build feeds).
const WORKER_ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'build-worker.ts');
/** Loads the worker through tsx: slower to start, used only when bundling is not possible. */
const WORKER_BOOT = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker-boot.mjs'));

let bundled: Promise<string | null> | null = null;

/** Start bundling the worker now (in esbuild's own process), so that a pool started later need not wait. */
export function prepareWorkers(): void {
  void workerSource();
}

/**
 * The worker as one CommonJS script, bundled once per process with esbuild (which tsx runs on,
 * so it is always installed). A worker then starts in ~0.05 s with no loader hooks, instead of
 * ~0.5 s and a hooks thread of its own through tsx. Null if bundling fails.
 */
function workerSource(): Promise<string | null> {
  bundled ??= import('esbuild')
    .then(({ build }) =>
      build({
        entryPoints: [WORKER_ENTRY],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        write: false,
        logLevel: 'silent',
      }),
    )
    .then((result) => result.outputFiles[0]?.text ?? null)
    .catch(() => null);
  return bundled;
}

interface Member {
  worker: Worker;
  busy: number;
  dead: boolean;
  /** A writer's shared chunks (FileBatch.shared), and how many of them the worker was sent. */
  shared: { list: SharedChunk[]; sent: number } | null;
}

type Pending = { resolve: (response: WorkerResponse) => void; reject: (error: Error) => void };

/**
 * A pool of build workers. Work is handed to the least busy live worker; if every worker dies
 * (or none could start), requests run in this thread, so the build still completes.
 */
export class WorkerPool {
  private readonly members: Member[] = [];
  private readonly pending = new Map<number, { member: Member; request: WorkerRequest } & Pending>();
  private readonly waiting: (() => void)[] = [];
  private readonly taxonomy: Taxonomy;
  private nextId = 0;
  private ranker: Member | null = null;

  private constructor(taxonomy: Taxonomy) {
    this.taxonomy = taxonomy;
  }

  /** Start `count` workers; `bundle: false` loads them through tsx (the fallback, for tests). */
  static async start(count: number, taxonomy: Taxonomy, { bundle = true } = {}): Promise<WorkerPool> {
    const pool = new WorkerPool(taxonomy);
    const source = bundle ? await workerSource() : null;
    for (let i = 0; i < count; i++) pool.add(source);
    return pool;
  }

  private add(source: string | null): void {
    const worker = source ? new Worker(source, { eval: true }) : new Worker(WORKER_BOOT);
    const member: Member = { worker, busy: 0, dead: false, shared: null };
    this.members.push(member);
    worker.on('message', (response: WorkerResponse) => this.settle(response));
    worker.on('error', () => this.fail(member));
    worker.on('exit', () => this.fail(member));
    const init: WorkerRequest = { kind: 'init', taxonomy: this.taxonomy, worker: this.members.length - 1 };
    worker.postMessage(init);
  }

  get size(): number {
    return this.members.filter((member) => !member.dead).length;
  }

  /**
   * Read, parse and normalize every file, keeping their bytes in the cache when one is given;
   * one result per task, in task order. With a vocabulary, the results' terms go into it (and
   * their `terms` are emptied), interned by the workers as they parse.
   */
  async parse(tasks: FileTask[], options: ParseOptions = {}): Promise<ParseOutcome> {
    let done = 0;
    const intake = new ResultIntake(this.taxonomy, options.vocabulary);
    // A new session: each worker interns this parse's terms afresh (see InternedTerms).
    const termSession = options.vocabulary ? this.nextId : null;
    const results = await Promise.all(
      parseChunks(tasks, options.cache ?? null).map(async ({ tasks: chunk, cache }) => {
        const unnamed = chunk.map(({ abs, rel, order }) => ({ abs, rel, display: '', order }));
        const response = await this.run({ kind: 'parse', id: this.nextId++, tasks: unnamed, cache, termSession });
        if (response.kind !== 'parsed') throw new Error(`a parse request was answered by ${response.kind}`);
        const parsed = intake.adopt(response.results, chunk, response.terms, response.drafts);
        keepStats(options.fileStats, response.stats, chunk);
        done += parsed.length;
        options.onProgress?.(done, tasks.length);
        return parsed;
      }),
    );
    return { results: inTaskOrder(results.flat()) };
  }

  /**
   * Write a batch of files; resolves when they are on disk, with the batch's buffer to fill
   * again, and rejects with the first failure.
   */
  async write(batch: FileBatch, lane: WriteLane = 0): Promise<ArrayBuffer> {
    const response = await this.run({ kind: 'write', id: this.nextId++, batch }, lane);
    if (response.kind !== 'written') throw new Error(`a write request was answered by ${response.kind}`);
    if (response.error) throw new Error(response.error);
    return response.bytes;
  }

  async close(): Promise<void> {
    const members = this.members.splice(0);
    for (const member of members) member.dead = true;
    for (const entry of this.pending.values()) entry.reject(new Error('the worker pool was closed'));
    this.pending.clear();
    await Promise.all(members.map((member) => member.worker.terminate()));
  }

  /**
   * Rank computed related lists in the last worker while the first one writes the article
   * details: the main thread, which builds the files, is then no longer the one ranking. Null
   * with fewer than two workers.
   */
  startRanking(input: RankerInput): ((rows: Int32Array) => Promise<RankedRows>) | null {
    const live = this.members.filter((member) => !member.dead);
    if (live.length < 2) return null;
    this.ranker = live[live.length - 1]!;
    const init: WorkerRequest = { kind: 'rank-init', input };
    this.ranker.worker.postMessage(init);
    return async (rows) => {
      const response = await this.run({ kind: 'rank', id: this.nextId++, rows });
      if (response.kind !== 'ranked' || !response.ranked) throw new Error('the ranking worker is gone');
      return response.ranked;
    };
  }

  private async run(
    request: Exclude<WorkerRequest, { kind: 'init' | 'rank-init' }>,
    lane: WriteLane = 0,
  ): Promise<WorkerResponse> {
    for (;;) {
      const live = this.members.filter((member) => !member.dead);
      if (live.length === 0) return runInline(request, this.taxonomy);
      const member = this.memberFor(request.kind, lane, live);
      if (!member) return runInline(request, this.taxonomy);
      // Ranking requests all go at once: while the worker ranks, this thread is busy (encoding
      // cards) and could not hand it the next one, so it would rank two chunks and wait.
      if (member.busy < IN_FLIGHT_PER_WORKER || request.kind === 'rank') {
        member.busy++;
        return new Promise((resolve, reject) => {
          this.pending.set(request.id, { member, request, resolve, reject });
          const transfer =
            request.kind === 'write'
              ? [request.batch.bytes, request.batch.ends.buffer, request.batch.pieces.buffer]
              : request.kind === 'rank'
                ? [request.rows.buffer]
                : [];
          member.worker.postMessage(
            request.kind === 'write' ? unsent(member, request) : request,
            transfer as ArrayBuffer[],
          );
        });
      }
      await new Promise<void>((wake) => this.waiting.push(wake));
    }
  }

  private memberFor(kind: 'parse' | 'write' | 'rank', lane: WriteLane, live: Member[]): Member | null {
    // One worker per write lane, so the lanes mostly fill different folders: two threads creating
    // files in one folder all along mostly wait for each other on its lock (measured: the kernel
    // then spins more than it writes). Details overflow into lane 1 only while lane 0 is backed up.
    if (kind === 'write') return live[Math.min(lane, live.length - 1)]!;
    // Only the worker given the ranking data can rank.
    if (kind === 'rank') return this.ranker && !this.ranker.dead ? this.ranker : null;
    return live.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  private settle(response: WorkerResponse): void {
    const entry = this.pending.get(response.id);
    if (!entry) return;
    this.pending.delete(response.id);
    entry.member.busy--;
    entry.resolve(response);
    // Every waiter checks again: the one woken might wait for another worker than this one.
    for (const wake of this.waiting.splice(0)) wake();
  }

  // A worker that fails (it could not load, or crashed) hands its parse requests to the others.
  private fail(member: Member): void {
    if (member.dead) return;
    member.dead = true;
    void member.worker.terminate();
    for (const [id, entry] of this.pending) {
      if (entry.member !== member) continue;
      this.pending.delete(id);
      const { request } = entry;
      // A write batch's bytes went to the worker (transferred): it cannot be redone, so the
      // build fails and keeps the previous output. Parsing is simply done again elsewhere.
      if (request.kind === 'write') entry.reject(new Error('a build worker stopped while writing files'));
      else if (request.kind === 'rank') entry.reject(new Error('the ranking worker stopped'));
      else if (request.kind === 'parse') this.run(request).then(entry.resolve, entry.reject);
    }
    for (const wake of this.waiting.splice(0)) wake();
  }
}

/** A write request with only the shared chunks that its worker has not been sent yet. */
function unsent(member: Member, request: Extract<WorkerRequest, { kind: 'write' }>): WorkerRequest {
  const list = request.batch.shared;
  if (member.shared?.list !== list) member.shared = { list, sent: 0 };
  const shared = list.slice(member.shared.sent);
  member.shared.sent = list.length;
  return { ...request, batch: { ...request.batch, shared } };
}

/** The worker's job, done in this thread. */
export function runInline(request: WorkerRequest, taxonomy: Taxonomy): WorkerResponse {
  switch (request.kind) {
    case 'init':
    case 'rank-init':
      throw new Error(`${request.kind} is not a job`);
    case 'rank':
      return { kind: 'ranked', id: request.id, ranked: null };
    case 'parse':
      return {
        kind: 'parsed',
        id: request.id,
        ...parseRequest(request.tasks, request.cache, normalizeContext(taxonomy)),
        terms: null,
        drafts: null,
      };
    case 'write':
      return { kind: 'written', id: request.id, error: writeBatch(request.batch), bytes: request.batch.bytes };
  }
}

/** Parse in this thread, with progress. */
export function parseInline(tasks: FileTask[], taxonomy: Taxonomy, options: ParseOptions = {}): ParseOutcome {
  const intake = new ResultIntake(taxonomy, options.vocabulary);
  let done = 0;
  const results: FileResult[] = [];
  for (const chunk of parseChunks(tasks, options.cache ?? null)) {
    const outcome = parseRequest(chunk.tasks, chunk.cache, intake.context);
    results.push(...intake.adopt(outcome.results, chunk.tasks));
    keepStats(options.fileStats, outcome.stats, chunk.tasks);
    done += chunk.tasks.length;
    options.onProgress?.(done, tasks.length);
  }
  return { results: inTaskOrder(results) };
}

export interface ParseOptions {
  cache?: CacheSpec | null;
  /** Filled, by task order, with each file's size and mtime as its read saw them (only with a cache). */
  fileStats?: FileStats;
  onProgress?: (done: number, total: number) => void;
  /** Takes the parsed articles' terms (see TermVocabulary), which are then emptied. */
  vocabulary?: TermVocabulary;
}

export interface ParseOutcome {
  results: FileResult[];
}

/**
 * Parse requests: with a cache, one per shard (a shard is saved whole, by one thread);
 * without, runs of PARSE_CHUNK files, small enough to keep every worker busy.
 */
function parseChunks(tasks: FileTask[], cache: CacheSpec | null): { tasks: FileTask[]; cache: ShardRef | null }[] {
  if (!cache) {
    const chunks = [];
    for (let i = 0; i < tasks.length; i += PARSE_CHUNK) chunks.push({ tasks: tasks.slice(i, i + PARSE_CHUNK), cache });
    return chunks;
  }
  return [...byShard(tasks, (task) => task.abs)].map(([shard, list]) => ({
    tasks: list,
    cache: { spec: cache, shard },
  }));
}

/**
 * Takes parse results in, setting what a worker leaves out: each one's order, and its file's
 * display name (workers are not sent those: each path would cross twice and stay as a copy per
 * article). Equal drafts of all batches become one object, and a webUrl equal to the
 * originalUrl one string, as each batch arrives, so that the copies die young.
 */
class ResultIntake {
  private readonly drafts = new DraftPool();
  private readonly taxonomy: Taxonomy;
  private readonly vocabulary: TermVocabulary | null;
  /** Per worker, its term ids → the vocabulary's. */
  private readonly termTables = new Map<number, number[]>();
  /** Per worker, its draft numbers → the pool's drafts (see NumberedDrafts). */
  private readonly draftTables = new Map<number, Draft[]>();
  private own: NormalizeContext | null = null;

  constructor(taxonomy: Taxonomy, vocabulary?: TermVocabulary) {
    this.taxonomy = taxonomy;
    this.vocabulary = vocabulary ?? null;
  }

  get context(): NormalizeContext {
    return (this.own ??= normalizeContext(this.taxonomy));
  }

  /**
   * `posted[i]` is the result of `tasks[i]`; `terms`, their terms as a worker interned them;
   * `drafts`, the drafts that the worker numbered in them.
   */
  adopt(
    posted: FileResult[],
    tasks: FileTask[],
    terms: InternedTerms | null = null,
    drafts: NumberedDrafts | null = null,
  ): FileResult[] {
    const table = terms ? this.termTable(terms) : null;
    const draftTable = drafts ? this.draftTable(drafts) : null;
    if (terms && table) {
      // The worker's ids as the vocabulary's, in place: each article then keeps a view of the
      // batch's list instead of a copy of its own (100k small buffers for the collector).
      const { values } = terms.ids;
      for (let k = 0; k < values.length; k++) values[k] = table[values[k]!]!;
    }
    return tasks.map((task, i) => {
      const result = posted[i]!;
      if (!result.ok) {
        result.order = task.order;
        result.problem.file = task.display;
        return result;
      }
      const { article } = result;
      article.order = task.order;
      article.file = task.display;
      for (const warning of article.warnings) warning.file = task.display;
      if (article.webUrl === article.originalUrl) article.webUrl = article.originalUrl;
      if (draftTable) withDrafts(article, draftTable);
      else this.drafts.share(article);
      if (!this.vocabulary) return result;
      if (terms) {
        this.vocabulary.setIds(article, listOf(terms.ids, i));
      } else {
        this.vocabulary.add(article);
        article.terms = '';
      }
      return result;
    });
  }

  /** The worker's drafts, with those it numbers for the first time added (as the pool's). */
  private draftTable(drafts: NumberedDrafts): Draft[] {
    return workerTable(this.draftTables, drafts.worker, drafts.added, (draft) =>
      'domain' in draft ? this.drafts.provider(draft) : this.drafts.topic(draft),
    );
  }

  /** The worker's table, with the terms it names for the first time added. */
  private termTable(terms: InternedTerms): number[] {
    return workerTable(this.termTables, terms.worker, terms.added, (term) => this.vocabulary!.intern(term));
  }
}

/**
 * A worker's numbering (its number n → `tables.get(worker)[n]`), extended with what it numbered
 * for the first time (`added`, in its order), each made ours by `ours`.
 */
function workerTable<From, To>(
  tables: Map<number, To[]>,
  worker: number,
  added: readonly From[],
  ours: (item: From) => To,
): To[] {
  let table = tables.get(worker);
  if (!table) tables.set(worker, (table = []));
  for (const item of added) table.push(ours(item));
  return table;
}

function keepStats(into: FileStats | undefined, stats: Float64Array | null, tasks: FileTask[]): void {
  if (!into || !stats) return;
  tasks.forEach((task, i) => {
    into.sizes[task.order] = stats[i * 2]!;
    into.mtimes[task.order] = stats[i * 2 + 1]!;
  });
}

/**
 * Results by their task's order. Orders are usually the tasks' places (0 to n − 1): then each
 * result is put in its place, since with a cache the chunks are shards that arrive in no order,
 * and sorting 100k results of interleaved shards took ~0.4 s.
 */
function inTaskOrder(results: FileResult[]): FileResult[] {
  const orderOf = (result: FileResult) => (result.ok ? result.article.order : result.order);
  const placed: FileResult[] = new Array<FileResult>(results.length);
  for (const result of results) {
    const order = orderOf(result);
    if (!(Number.isInteger(order) && order >= 0 && order < results.length && placed[order] === undefined)) {
      return results.sort((a, b) => orderOf(a) - orderOf(b));
    }
    placed[order] = result;
  }
  return placed;
}
