/**
 * What the main thread and the build workers say to each other, and the work a worker does;
 * kept apart from the pool so the worker bundle holds nothing else.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { sep } from 'node:path';
import type { NormalizeContext } from './normalize';
import { parseShard, type CacheSpec } from './parse-cache';
import { processTask, type FileResult, type FileTask } from './parse-file';
import type { RankedRows, RankerInput } from './related-ranker';
import type { Taxonomy } from './taxonomy';

/**
 * Files for a worker to write: paths in the staging folder (already checked to stay inside it,
 * see confinedPath in write-feed.ts) and their contents as byte ranges of one buffer, which is
 * transferred, not copied.
 */
export interface FileBatch {
  /** The staging folder, which the paths are relative to. */
  root: string;
  /** Folders to create first. */
  dirs: string[];
  /** Feed-relative paths: plain segments joined by `/`. */
  paths: string[];
  /** File i is bytes ends[i - 1] (or 0) to ends[i]. */
  ends: number[];
  bytes: ArrayBuffer;
}

/** One cache shard: the parse request's tasks are all of that shard's files. */
export interface ShardRef {
  spec: CacheSpec;
  shard: number;
  /** The build's clock, so every entry of a build has the same save time. */
  now: number;
}

export type WorkerRequest =
  | { kind: 'init'; taxonomy: Taxonomy }
  | { kind: 'parse'; id: number; tasks: FileTask[]; cache: ShardRef | null }
  | { kind: 'write'; id: number; batch: FileBatch }
  | { kind: 'rank-init'; input: RankerInput }
  | { kind: 'rank'; id: number; rows: Int32Array };

export type WorkerResponse =
  | { kind: 'parsed'; id: number; results: FileResult[]; hits: number; stats: Float64Array | null }
  /** `bytes`: the batch's buffer, handed back to be filled again (see FeedWriter). */
  | { kind: 'written'; id: number; error: string | null; bytes: ArrayBuffer }
  | { kind: 'ranked'; id: number; ranked: RankedRows | null };

/** Parse a request's files, through the cache when it names a shard. */
export function parseRequest(
  tasks: FileTask[],
  cache: ShardRef | null,
  context: NormalizeContext,
): { results: FileResult[]; hits: number; stats: Float64Array | null } {
  if (cache) return parseShard(cache.spec, cache.shard, tasks, context, cache.now);
  return { results: tasks.map((task) => processTask(task, context)), hits: 0, stats: null };
}

/** Write every file of a batch; the first failure as a message, or null. */
export function writeBatch(batch: FileBatch): string | null {
  try {
    for (const dir of batch.dirs) mkdirSync(joinFeedPath(batch.root, dir), { recursive: true });
    let start = 0;
    batch.paths.forEach((relPath, i) => {
      const end = batch.ends[i]!;
      writeFileSync(joinFeedPath(batch.root, relPath), new Uint8Array(batch.bytes, start, end - start));
      start = end;
    });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** `root` + a feed-relative path whose segments are known to be plain (see confinedPath in write-feed.ts). */
export function joinFeedPath(root: string, relPath: string): string {
  return root + sep + (sep === '/' ? relPath : relPath.replaceAll('/', sep));
}
