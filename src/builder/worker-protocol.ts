/**
 * What the main thread and the build workers say to each other, and the work a worker does;
 * kept apart from the pool so the worker bundle holds nothing else.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { FileResult, FileTask } from './parse-file';
import type { RankedRows, RankerInput } from './related-ranker';
import type { Taxonomy } from './taxonomy';

/**
 * Files for a worker to write: absolute paths (already confined to the staging folder) and
 * their contents as byte ranges of one buffer, which is transferred, not copied.
 */
export interface FileBatch {
  /** Folders to create first. */
  dirs: string[];
  paths: string[];
  /** File i is bytes ends[i - 1] (or 0) to ends[i]. */
  ends: number[];
  bytes: ArrayBuffer;
}

export type WorkerRequest =
  | { kind: 'init'; taxonomy: Taxonomy }
  | { kind: 'parse'; id: number; tasks: FileTask[] }
  | { kind: 'write'; id: number; batch: FileBatch }
  | { kind: 'rank-init'; input: RankerInput }
  | { kind: 'rank'; id: number; rows: Int32Array };

export type WorkerResponse =
  | { kind: 'parsed'; id: number; results: FileResult[] }
  | { kind: 'written'; id: number; error: string | null }
  | { kind: 'ranked'; id: number; ranked: RankedRows | null };

/** Write every file of a batch; the first failure as a message, or null. */
export function writeBatch(batch: FileBatch): string | null {
  try {
    for (const dir of batch.dirs) mkdirSync(dir, { recursive: true });
    let start = 0;
    batch.paths.forEach((path, i) => {
      const end = batch.ends[i]!;
      writeFileSync(path, new Uint8Array(batch.bytes, start, end - start));
      start = end;
    });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
