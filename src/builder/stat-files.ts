/**
 * Sizes and modification times of many files, as a rebuild needs them to find what changed.
 * Stat calls cost ~4 µs each on the main thread (0.4 s at 100k files), so large lists are split
 * between worker threads, which run them side by side.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Per file: size and mtimeMs, or -1 and -1 when it cannot be stat'ed. */
export interface FileStats {
  sizes: Float64Array;
  mtimes: Float64Array;
}

/** Below this many files, starting workers costs more than it saves. */
const INLINE_STAT_LIMIT = 4000;
// From this file's path, not `new URL('./x', import.meta.url)`, which Vite rewrites under Vitest (see worker-pool.ts).
const STAT_WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'stat-worker.mjs');

/**
 * Stat workers, started before the paths are known (a rebuild reads them from its state while
 * the workers boot); each takes one share of one list, then ends.
 */
export class FileStatter {
  private readonly workers: Worker[];

  constructor(threads = Math.min(4, Math.max(2, availableParallelism()))) {
    this.workers = Array.from({ length: threads }, () => new Worker(STAT_WORKER));
  }

  async stat(paths: readonly string[]): Promise<FileStats> {
    const sizes = new Float64Array(paths.length);
    const mtimes = new Float64Array(paths.length);
    const share = Math.ceil(paths.length / this.workers.length);
    try {
      await Promise.all(
        this.workers.map(async (worker, k) => {
          const from = k * share;
          const part = paths.slice(from, from + share);
          const stats = await new Promise<Float64Array>((resolve, reject) => {
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.once('exit', (code) => reject(new Error(`stat worker exited with code ${code}`)));
            worker.postMessage(part.join('\n'));
          });
          for (let i = 0; i < part.length; i++) {
            sizes[from + i] = stats[i * 2]!;
            mtimes[from + i] = stats[i * 2 + 1]!;
          }
        }),
      );
    } finally {
      this.close();
    }
    return { sizes, mtimes };
  }

  close(): void {
    for (const worker of this.workers) void worker.terminate();
  }
}

/**
 * Stat the files: in worker threads for a long list (`statter`'s, when some were started early),
 * inline for a short one.
 */
export async function statFiles(paths: readonly string[], statter: FileStatter | null = null): Promise<FileStats> {
  if (paths.length >= INLINE_STAT_LIMIT) return (statter ?? new FileStatter()).stat(paths);
  const sizes = new Float64Array(paths.length);
  const mtimes = new Float64Array(paths.length);
  paths.forEach((file, i) => {
    const info = statSync(file, { throwIfNoEntry: false });
    sizes[i] = info ? info.size : -1;
    mtimes[i] = info ? info.mtimeMs : -1;
  });
  return { sizes, mtimes };
}
