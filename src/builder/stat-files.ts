/**
 * Sizes and modification times of many files, as a rebuild needs them to find what changed.
 * A stat call costs ~5 µs in Node (0.5 s at 100k files), so a long list is split into chunks
 * that worker threads and the asking thread take in turn, from one shared counter: a rebuild
 * reads its state while a worker begins, then stats beside it.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { statChunks, statInto, type StatJob } from './stat-worker.mjs';
import { TextLines } from './text-lines';

/** Per file: size and mtimeMs, or -1 and -1 when it cannot be stat'ed. */
export interface FileStats {
  sizes: Float64Array;
  mtimes: Float64Array;
}

/** Below this many files, starting workers costs more than it saves: the asking thread stats them alone. */
const INLINE_STAT_LIMIT = 4000;
/** Files a chunk: ~100 chunks at 100k files, so that the threads end close together. */
const CHUNK_FILES = 1000;
// From this file's path, not `new URL('./x', import.meta.url)`, which Vite rewrites under Vitest (see worker-pool.ts).
const STAT_WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'stat-worker.mjs');

/** A stat in progress: `finish` stats what is left on this thread, then waits for the workers. */
export interface StatsInProgress {
  finish(): Promise<FileStats>;
}

/**
 * Stat workers, started before the paths are known (a rebuild reads them from its state while
 * the workers boot); each takes part in one list, then ends. One fewer than the cores: the
 * asking thread stats too once it is free (with none, it stats alone).
 */
export class FileStatter {
  private readonly workers: Worker[];

  constructor(threads = Math.min(3, Math.max(1, availableParallelism() - 1))) {
    this.workers = Array.from({ length: threads }, () => new Worker(STAT_WORKER, { workerData: { statWorker: true } }));
  }

  /**
   * Begin to stat `paths`, in the workers: a list, or lines as the build state keeps them (read
   * where they are when a SharedArrayBuffer holds them).
   */
  start(paths: readonly string[] | TextLines): StatsInProgress {
    const job = statJob(paths instanceof TextLines ? paths : TextLines.of(paths));
    const done = Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            worker.once('message', () => resolve());
            worker.once('error', reject);
            worker.once('exit', (code) => reject(new Error(`stat worker exited with code ${code}`)));
            worker.postMessage(job);
          }),
      ),
    );
    // Seen by finish; until then, a worker's failure must not go unhandled.
    done.catch(() => {});
    return {
      finish: async () => {
        try {
          statChunks(job);
          await done;
        } finally {
          this.close();
        }
        return { sizes: job.sizes, mtimes: job.mtimes };
      },
    };
  }

  stat(paths: readonly string[] | TextLines): Promise<FileStats> {
    return this.start(paths).finish();
  }

  close(): void {
    for (const worker of this.workers) void worker.terminate();
  }
}

/** The paths' lines in chunks of CHUNK_FILES, and shared room for their stats. */
function statJob(paths: TextLines): StatJob {
  const starts = paths.starts();
  const count = starts.length - 1;
  const chunks: number[] = [];
  for (let first = 0; first < count; first += CHUNK_FILES) {
    chunks.push(starts[first]!, starts[Math.min(count, first + CHUNK_FILES)]! - 1, first);
  }
  return {
    bytes: shared(paths.bytes()),
    chunks: Int32Array.from(chunks),
    next: new Int32Array(new SharedArrayBuffer(4)),
    sizes: new Float64Array(new SharedArrayBuffer(count * 8)),
    mtimes: new Float64Array(new SharedArrayBuffer(count * 8)),
  };
}

/** `bytes` in a SharedArrayBuffer: themselves, or a copy. */
function shared(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  copy.set(bytes);
  return copy;
}

/** Stat the files: in worker threads (and this one) for a long list, on this thread alone for a short one. */
export async function statFiles(paths: readonly string[] | TextLines): Promise<FileStats> {
  const statter = paths.length >= INLINE_STAT_LIMIT ? new FileStatter() : new FileStatter(0);
  return statter.stat(paths);
}

/**
 * The stats of `paths` after only the files `changed` names changed, as a watcher reports them:
 * `known` (the stats the last build saw), with those files and the folders holding them statted
 * again (a file added or removed changes its folder). A stat of 100k files is ~0.3 s; this, a few.
 */
export function restatted(paths: TextLines, known: FileStats, changed: Iterable<string>): FileStats {
  const stats = { sizes: known.sizes.slice(), mtimes: known.mtimes.slice() };
  const done = new Set<string>();
  for (const file of changed) {
    for (const target of [file, path.dirname(file)]) {
      if (done.has(target)) continue;
      done.add(target);
      const index = paths.indexOf(target);
      if (index >= 0) statInto(target, stats.sizes, stats.mtimes, index);
    }
  }
  return stats;
}
