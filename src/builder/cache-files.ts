/**
 * What the build's cache files share (the source cache's shards, the output record): hashes of
 * contents and names, and saving a file whole. A cache file is never needed: one that cannot be
 * saved only costs the next build time.
 */
import { createHash, hash as oneShotHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';

/** A hash of bytes (a file's, or an output file's inputs), compact enough to keep 100k of. */
export function contentHash(bytes: Uint8Array | string): string {
  return oneShotHash('sha1', bytes, 'base64');
}

/** A short hex hash of a text: part of a cache file's name or a fingerprint. */
export function shortHash(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * Save `text` into `file` through a temporary file renamed into place: a killed build leaves
 * the old file or the new one, never half of one. Text given in pieces is written piece by
 * piece, so that a large file is never one string (nor one buffer) in memory.
 */
export function saveCacheFile(file: string, text: string | Uint8Array | Iterable<string | Uint8Array>): void {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    if (typeof text === 'string' || text instanceof Uint8Array) writeFileSync(temp, text);
    else writePieces(temp, text);
    renameSync(temp, file);
  } catch {
    rmSync(temp, { force: true });
  }
}

function writePieces(file: string, pieces: Iterable<string | Uint8Array>): void {
  const fd = openSync(file, 'w');
  try {
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        if (writeSync(fd, piece) !== Buffer.byteLength(piece)) throw new Error(`a short write to ${file}`);
        continue;
      }
      // A write may take less than asked: go on from where it stopped.
      for (let at = 0; at < piece.byteLength;) at += writeSync(fd, piece, at);
    }
  } finally {
    closeSync(fd);
  }
}
