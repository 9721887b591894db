/**
 * What the last build wrote into an output folder: each file's path and content hash, and the
 * build's id. Kept in the cache folder, never in the output (which is deployed). With it, a
 * rebuild writes only the files whose bytes differ and removes the ones no longer made.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { builderFingerprint } from './builder-fingerprint';
import { saveCacheFile, shortHash } from './cache-files';
import { readBuildReport } from './report';

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
    const valid = typeof record.buildId === 'string' && typeof record.files === 'object' && record.files !== null;
    if (!valid || record.builder !== builderFingerprint()) return null;
    const patches = loadPatches(file);
    if (patches?.base === record.buildId) {
      // Files a patched build rewrote have no known hash: the next build writes them again.
      for (const rewritten of patches.files) record.files[rewritten] = '';
      record.buildId = patches.buildId;
    }
    return readBuildReport(outDir)?.buildId === record.buildId ? record : null;
  } catch {
    return null;
  }
}

export function saveOutputRecord(file: string, buildId: string, files: ReadonlyMap<string, string>): void {
  rmSync(patchesFile(file), { force: true });
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
  rmSync(patchesFile(file), { force: true });
}

/**
 * The files patched builds (see patch-build.ts) rewrote since the recorded build `base`, the
 * last of them `buildId`: the record is kept as it is, as rewriting it would cost a patch more
 * than the patch itself, and this short list amends it.
 */
interface RecordPatches {
  base: string;
  buildId: string;
  files: string[];
}

/**
 * Note, before a patched build moves its files in, that it rewrites `files` and turns build
 * `from` into build `to`. Written first: if the build stops midway, the folder's report is not
 * build `to`'s, and the record is then ignored, as after a full build that stopped.
 */
export function notePatchedFiles(file: string, from: string, to: string, files: readonly string[]): void {
  const earlier = loadPatches(file);
  const patches: RecordPatches =
    earlier?.buildId === from
      ? { base: earlier.base, buildId: to, files: [...new Set([...earlier.files, ...files])] }
      : { base: from, buildId: to, files: [...files] };
  saveCacheFile(patchesFile(file), JSON.stringify(patches));
  // Not saved (a full disk?): then the record must go, or it would describe files that changed.
  if (loadPatches(file)?.buildId !== to) dropOutputRecord(file);
}

function loadPatches(file: string): RecordPatches | null {
  try {
    const patches = JSON.parse(readFileSync(patchesFile(file), 'utf8')) as RecordPatches;
    return typeof patches.base === 'string' && typeof patches.buildId === 'string' && Array.isArray(patches.files)
      ? patches
      : null;
  } catch {
    return null;
  }
}

function patchesFile(recordFile: string): string {
  return recordFile.replace(/\.json$/, '.patches.json');
}
