// Stats the files a rebuild checks (see stat-files.ts), in a worker thread and on the thread
// that asked, side by side: plain JavaScript, so that a worker starts in milliseconds, without
// the TypeScript loader.
import { Buffer } from 'node:buffer';
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const OPTIONS = { throwIfNoEntry: false };

/**
 * Stat the chunks of `job` that no thread has taken yet, taking one at a time as the other
 * threads do, and put each file's size and time (or -1 and -1) in `job.sizes` and `job.mtimes`.
 * @param {import('./stat-worker.d.mts').StatJob} job
 */
export function statChunks(job) {
  const { bytes, chunks, next, sizes, mtimes } = job;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let k = Atomics.add(next, 0, 1); k * 3 < chunks.length; k = Atomics.add(next, 0, 1)) {
    const first = chunks[k * 3 + 2];
    text
      .toString('utf8', chunks[k * 3], chunks[k * 3 + 1])
      .split('\n')
      .forEach((file, i) => statInto(file, sizes, mtimes, first + i));
  }
}

/**
 * Put `file`'s size and time at `index` of `sizes` and `mtimes`; -1 and -1 when there is no such file.
 * @param {string} file
 * @param {Float64Array} sizes
 * @param {Float64Array} mtimes
 * @param {number} index
 */
export function statInto(file, sizes, mtimes, index) {
  const info = statSync(file, OPTIONS);
  sizes[index] = info ? info.size : -1;
  mtimes[index] = info ? info.mtimeMs : -1;
}

// A stat worker takes one job, then ends.
if (workerData?.statWorker) {
  parentPort.once('message', (job) => {
    statChunks(job);
    parentPort.postMessage('done');
  });
}
