/**
 * What the build's cache files share (the parse cache's shards, the output record): hashes of
 * contents and names, and saving a file whole. A cache file is never needed: one that cannot be
 * saved only costs the next build time.
 */
import { createHash, hash as oneShotHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
 * the old file or the new one, never half of one.
 */
export function saveCacheFile(file: string, text: string | Uint8Array): void {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch {
    rmSync(temp, { force: true });
  }
}
