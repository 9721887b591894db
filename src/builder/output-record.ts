/**
 * What the last build wrote into an output folder: each file's path and content hash, and the
 * build's id. Kept in the cache folder, never in the output (which is deployed). With it, a
 * rebuild writes only the files whose bytes differ and removes the ones no longer made.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { feedPaths } from '../feed/urls';
import { builderFingerprint } from './builder-fingerprint';
import { saveCacheFile, shortHash } from './cache-files';

export interface OutputRecord {
  buildId: string;
  /** The builder that wrote the files (see builderFingerprint): another may lay them out otherwise. */
  builder: string;
  /**
   * Feed-relative path → contentHash of its bytes, or of its inputs when those are much smaller
   * than the file (see FeedWriter.writeParts).
   */
  files: Record<string, string>;
}

/** The record's file for an output folder, inside the cache folder. */
export function outputRecordFile(cacheDir: string, outDir: string): string {
  const key = shortHash(path.resolve(outDir), 12);
  return path.join(path.resolve(cacheDir), `output-${key}.json`);
}

/**
 * The record, if it describes what `outDir` holds now: the build report there must be the
 * recorded build's, written by this very builder. Anything else (no record, another build wrote the folder, an unreadable
 * file) means the next build writes every file.
 */
export function loadOutputRecord(file: string, outDir: string): OutputRecord | null {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as OutputRecord;
    const report = JSON.parse(readFileSync(path.join(outDir, feedPaths.buildReport()), 'utf8')) as {
      buildId?: unknown;
    };
    const valid = typeof record.buildId === 'string' && typeof record.files === 'object' && record.files !== null;
    return valid && report.buildId === record.buildId && record.builder === builderFingerprint() ? record : null;
  } catch {
    return null;
  }
}

export function saveOutputRecord(file: string, buildId: string, files: Map<string, string>): void {
  const record: OutputRecord = { buildId, builder: builderFingerprint(), files: Object.fromEntries(files) };
  saveCacheFile(file, JSON.stringify(record));
}

/** Forget the record: the output folder is about to change in ways it does not describe. */
export function dropOutputRecord(file: string): void {
  rmSync(file, { force: true });
}
