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

  /**
   * Stat `paths`: a list, or UTF-8 bytes with a path a line (as the build state keeps them),
   * which the workers read where they are when a SharedArrayBuffer holds them.
   */
  async stat(paths: readonly string[] | Uint8Array): Promise<FileStats> {
    const count = this.workers.length;
    const shares = paths instanceof Uint8Array ? byteShares(shared(paths), count) : listShares(paths, count);
    try {
      const results = await Promise.all(
        this.workers.map(
          (worker, k) =>
            new Promise<Float64Array>((resolve, reject) => {
              worker.once('message', resolve);
              worker.once('error', reject);
              worker.once('exit', (code) => reject(new Error(`stat worker exited with code ${code}`)));
              worker.postMessage(shares[k]!);
            }),
        ),
      );
      const files = results.reduce((sum, stats) => sum + stats.length / 2, 0);
      const sizes = new Float64Array(files);
      const mtimes = new Float64Array(files);
      let at = 0;
      for (const stats of results) {
        for (let i = 0; i < stats.length; i += 2, at++) {
          sizes[at] = stats[i]!;
          mtimes[at] = stats[i + 1]!;
        }
      }
      return { sizes, mtimes };
    } finally {
      this.close();
    }
  }

  close(): void {
    for (const worker of this.workers) void worker.terminate();
  }
}

/** A list's paths in `count` runs, each one text, a path a line. */
function listShares(paths: readonly string[], count: number): string[] {
  const size = Math.ceil(paths.length / count);
  return Array.from({ length: count }, (_, k) => paths.slice(k * size, (k + 1) * size).join('\n'));
}

/** A share of the paths as UTF-8 bytes: lines `start` to `end` (bytes) of a shared buffer. */
interface ByteShare {
  buffer: SharedArrayBuffer;
  start: number;
  end: number;
}

/**
 * Lines of UTF-8 bytes in `count` runs of about equal size, each cut at a newline: ranges of
 * one shared buffer, which every worker reads without a copy. An empty run has no line at all.
 */
function byteShares(bytes: Uint8Array, count: number): ByteShare[] {
  const shares: ByteShare[] = [];
  let start = 0;
  for (let k = 1; k <= count; k++) {
    let end = k === count ? bytes.length : Math.max(start, Math.floor((bytes.length * k) / count));
    if (k < count) {
      const newline = bytes.indexOf(NEWLINE, end);
      end = newline < 0 ? bytes.length : newline;
    }
    const at = bytes.byteOffset;
    shares.push({ buffer: bytes.buffer as SharedArrayBuffer, start: at + start, end: at + end });
    start = Math.min(bytes.length, end + 1);
  }
  return shares;
}

/** `bytes` in a SharedArrayBuffer: themselves, or a copy. */
function shared(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  copy.set(bytes);
  return copy;
}

const NEWLINE = 0x0a;

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
