/**
 * What the main thread and the build workers say to each other, and the work a worker does;
 * kept apart from the pool so the worker bundle holds nothing else.
 */
import { closeSync, mkdirSync, openSync, writeSync, writevSync } from 'node:fs';
import { sep } from 'node:path';
import { tokenize } from '../feed/text';
import { termText, type NormalizeContext, type NormalizedArticle, type ProviderDraft } from './normalize';
import { parseShard, type CacheSpec } from './source-cache';
import { processTask, type FileResult, type FileTask } from './parse-file';
import { toLists, type Lists } from './lists';
import { type RankedRows, type RankerInput } from './related-ranker';
import type { TermVocabulary } from './search-index';
import type { Taxonomy, TopicEntry } from './taxonomy';

/**
 * Files for a worker to write: paths in the staging folder (already checked to stay inside it,
 * see confinedPath in write-feed.ts) and their contents as pieces: byte ranges of one buffer,
 * which is transferred, not copied, or of chunks of shared memory (encoded cards, which many
 * files list: see CardPlaces in feed-model.ts), which the worker reads where they are.
 */
export interface FileBatch {
  /** The staging folder, which the paths are relative to. */
  root: string;
  /** Folders to create first. */
  dirs: string[];
  /** Feed-relative paths: plain segments joined by `/`. */
  paths: string[];
  /**
   * File i is pieces ends[i - 1] (or 0) to ends[i]. Typed arrays, transferred like `bytes`:
   * posted as arrays, a 100k build's 4.2 million numbers were cloned one by one (~0.1 s of the
   * main thread).
   */
  ends: Int32Array;
  /** Per piece, three numbers: its source (-1: `bytes`, else a shared chunk's id), start and end. */
  pieces: Int32Array;
  bytes: ArrayBuffer;
  /**
   * Every shared chunk the writer named so far (see SharedChunk); the pool posts a worker only
   * those it has not been sent yet.
   */
  shared: SharedChunk[];
}

/** A chunk of shared memory that batches name by its id; a worker keeps it for later batches. */
export interface SharedChunk {
  id: number;
  buffer: SharedArrayBuffer;
}

/** One cache shard: the parse request's tasks are all of that shard's files. */
export interface ShardRef {
  spec: CacheSpec;
  shard: number;
}

/**
 * Parse results' terms as ids of the worker's own vocabulary (see TermVocabulary): the terms
 * it names for the first time in this session, in id order, then list i of `ids` is result i's
 * (empty for a failed result). Its articles' `terms` are emptied.
 */
export interface InternedTerms {
  worker: number;
  added: string[];
  ids: Lists;
}

/**
 * The provider drafts and topic entries that a session's parse results name, each posted once:
 * before a post, the worker puts in each result, in place of a draft, its number (see
 * DraftNumbers), and the post carries the drafts it numbers first, in order. At 100k files the
 * results name ~2,000 providers ~6 times each: posted as objects, every post copied them again,
 * and the main thread took in and pooled each copy.
 */
export interface NumberedDrafts {
  worker: number;
  added: Draft[];
}

export type Draft = ProviderDraft | TopicEntry;

/** A worker's numbers for the drafts of one session's results (see NumberedDrafts). */
export class DraftNumbers {
  private readonly numbers = new Map<Draft, number>();
  private count = 0;

  /** Put numbers in place of the results' drafts; the drafts numbered for the first time. */
  number(results: readonly FileResult[], worker: number): NumberedDrafts {
    const added: Draft[] = [];
    // A number stands in for the draft until withDrafts puts it back (hence the cast).
    const numbered = <T extends Draft>(draft: T): T => {
      let number = this.numbers.get(draft);
      if (number === undefined) {
        this.numbers.set(draft, (number = this.count++));
        added.push(draft);
      }
      return number as unknown as T;
    };
    for (const result of results) if (result.ok) eachDraft(result.article, numbered);
    return { worker, added };
  }
}

/** Put the drafts back in an article numbered by DraftNumbers: `drafts[n]` is number n's. */
export function withDrafts(article: NormalizedArticle, drafts: readonly Draft[]): void {
  eachDraft(article, (number) => drafts[number as unknown as number] as typeof number);
}

/** Replace each draft of an article (its provider, topics and related entries' providers). */
function eachDraft(article: NormalizedArticle, replace: <T extends Draft>(draft: T) => T): void {
  article.provider = replace(article.provider);
  const { topics, related } = article;
  for (let i = 0; i < topics.length; i++) topics[i] = replace(topics[i]!);
  if (related) for (const draft of related) draft.provider = replace(draft.provider);
}

export type WorkerRequest =
  | { kind: 'init'; taxonomy: Taxonomy; worker: number }
  /**
   * `termSession`: intern the results' terms and number their drafts, in a vocabulary and
   * numbers kept for this session (null: do neither).
   */
  | { kind: 'parse'; id: number; tasks: FileTask[]; cache: ShardRef | null; termSession: number | null }
  | { kind: 'write'; id: number; batch: FileBatch }
  | { kind: 'rank-init'; input: RankerInput }
  | { kind: 'rank'; id: number; rows: Int32Array };

export type WorkerResponse =
  | {
      kind: 'parsed';
      id: number;
      results: FileResult[];
      stats: Float64Array | null;
      terms: InternedTerms | null;
      drafts: NumberedDrafts | null;
    }
  /** `bytes`: the batch's buffer, handed back to be filled again (see FeedWriter). */
  | { kind: 'written'; id: number; error: string | null; bytes: ArrayBuffer }
  | { kind: 'ranked'; id: number; ranked: RankedRows | null };

/** Parse a request's files; when it names a cache shard, that shard keeps their bytes. */
export function parseRequest(
  tasks: FileTask[],
  cache: ShardRef | null,
  context: NormalizeContext,
): { results: FileResult[]; stats: Float64Array | null } {
  if (cache) return parseShard(cache.spec, cache.shard, tasks, context);
  return { results: tasks.map((task) => processTask(task, context)), stats: null };
}

/**
 * Intern the results' terms in the worker's vocabulary (see InternedTerms). The articles were
 * normalized with `skipTerms`, so their terms are read from title and excerpt here, each word
 * interned as it is split off: no terms text made, joined and split again.
 */
export function internTerms(results: readonly FileResult[], vocabulary: TermVocabulary, worker: number): InternedTerms {
  const from = vocabulary.terms.length;
  const distinct = new DistinctIds();
  const ids = results.map((result) => {
    if (!result.ok) return [];
    const { article } = result;
    const own = distinct.of(vocabulary, tokenize(termText(article.title, article.excerpt)));
    article.terms = '';
    return own;
  });
  return { worker, added: vocabulary.terms.slice(from), ids: toLists(ids) };
}

/** The ids of words, each once, in order of first appearance: distinctTerms, as ids. */
class DistinctIds {
  /** Per id, the last call that met it. */
  private lastCall = new Int32Array(1 << 16);
  private call = 0;

  of(vocabulary: TermVocabulary, words: readonly string[]): number[] {
    const call = ++this.call;
    const ids: number[] = [];
    for (const word of words) {
      const id = vocabulary.intern(word);
      if (id >= this.lastCall.length) {
        const larger = new Int32Array(Math.max(id + 1, this.lastCall.length * 2));
        larger.set(this.lastCall);
        this.lastCall = larger;
      }
      if (this.lastCall[id] === call) continue;
      this.lastCall[id] = call;
      ids.push(id);
    }
    return ids;
  }
}

/** Shared chunks by id, as batches named them (see SharedChunk): the last writer's. */
const sharedChunks: Uint8Array[] = [];

/** Write every file of a batch; the first failure as a message, or null. */
export function writeBatch(batch: FileBatch): string | null {
  try {
    for (const { id, buffer } of batch.shared) sharedChunks[id] = new Uint8Array(buffer);
    for (const dir of batch.dirs) mkdirSync(joinFeedPath(batch.root, dir), { recursive: true });
    const own = new Uint8Array(batch.bytes);
    const { pieces, ends } = batch;
    let piece = 0;
    batch.paths.forEach((relPath, i) => {
      const views: Uint8Array[] = [];
      let size = 0;
      for (const end = ends[i]! * 3; piece < end; piece += 3) {
        const source = pieces[piece]!;
        const from = source < 0 ? own : sharedChunks[source];
        if (!from) throw new Error(`no shared chunk ${source}`);
        const start = pieces[piece + 1]!;
        const length = pieces[piece + 2]! - start;
        views.push(new Uint8Array(from.buffer, from.byteOffset + start, length));
        size += length;
      }
      writeFileFromViews(joinFeedPath(batch.root, relPath), views, size);
    });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Write `views` in order into a new file, in one system call while the kernel takes them all. */
function writeFileFromViews(file: string, views: Uint8Array[], size: number): void {
  const fd = openSync(file, 'w');
  try {
    let written = views.length > 0 ? writevSync(fd, views) : 0;
    if (written < size) {
      // Rare (a signal, a full disk): the rest from one buffer, as writeFileSync would.
      const all = Buffer.concat(views);
      while (written < size) written += writeSync(fd, all, written);
    }
  } finally {
    closeSync(fd);
  }
}

/** `root` + a feed-relative path whose segments are known to be plain (see confinedPath in write-feed.ts). */
export function joinFeedPath(root: string, relPath: string): string {
  return root + sep + (sep === '/' ? relPath : relPath.replaceAll('/', sep));
}
