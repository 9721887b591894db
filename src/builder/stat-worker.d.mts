/** Files to stat, shared by every thread that takes part (see stat-files.ts). */
export interface StatJob {
  /** The paths, a path a line, as UTF-8 (in a SharedArrayBuffer). */
  bytes: Uint8Array;
  /** Per chunk: where its lines begin and end in `bytes`, and the index of its first line. */
  chunks: Int32Array;
  /** [0]: the next chunk to take (shared). */
  next: Int32Array;
  /** Per path: its size, and its time (shared); -1 when it cannot be stat'ed. */
  sizes: Float64Array;
  mtimes: Float64Array;
}

/** See stat-worker.mjs. */
export function statChunks(job: StatJob): void;

/** See stat-worker.mjs. */
export function statInto(file: string, sizes: Float64Array, mtimes: Float64Array, index: number): void;
