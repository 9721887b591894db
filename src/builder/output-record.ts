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

export function saveOutputRecord(file: string, buildId: string, files: ReadonlyMap<string, string>): void {
  saveCacheFile(file, recordText(buildId, files));
}

/** Files per piece of a saved record's text. */
const FILES_PER_PIECE = 2000;

/**
 * The record as JSON (the text JSON.stringify makes of an OutputRecord), in pieces. Made whole,
 * the object, its text and the text's bytes took ~30 MB more at the very end of a 100k build,
 * which then peaked there.
 */
function* recordText(buildId: string, files: ReadonlyMap<string, string>): Generator<string> {
  const head: Omit<OutputRecord, 'files'> = { buildId, builder: builderFingerprint() };
  let piece = `${JSON.stringify(head).slice(0, -1)},"files":{`;
  let count = 0;
  for (const [relPath, hash] of files) {
    piece += `${count > 0 ? ',' : ''}${JSON.stringify(relPath)}:${JSON.stringify(hash)}`;
    if (++count % FILES_PER_PIECE === 0) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}}}`;
}

/** Forget the record: the output folder is about to change in ways it does not describe. */
export function dropOutputRecord(file: string): void {
  rmSync(file, { force: true });
}
