/**
 * The content-hash cache of parse results: a file whose bytes are unchanged since an earlier
 * build is not read, parsed or normalized again. Entries are split into shards by path, one
 * JSON file each, so that each worker loads and saves only the shards of the files it handles.
 *
 * A file is unchanged when its size and modification time match the entry's and that time is
 * safely older than the entry (a write in the same clock tick could hide a change, as git's
 * "racy" check knows); otherwise its bytes are hashed and compared. Anything the results depend
 * on besides the file — the builder's code, the taxonomies — is in the cache's fingerprint, and
 * a different fingerprint starts an empty cache.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { builderFingerprint } from './builder-fingerprint';
import { contentHash, saveCacheFile, shortHash } from './cache-files';
import { failure, processBytes, type FileResult, type FileTask } from './parse-file';
import type { NormalizeContext } from './normalize';
import type { Taxonomy } from './taxonomy';

/** Bump when the shard format changes. */
const CACHE_FORMAT = 1;
export const CACHE_SHARDS = 64;
/** A modification time this close to the entry's save may hide a later write within the same tick. */
const RACY_MS = 2000;

/** Where a build's cache lives and which fingerprint its entries must carry. */
export interface CacheSpec {
  /** The folder of this fingerprint's shards: `<cache dir>/parse-<fingerprint>`. */
  dir: string;
  fingerprint: string;
}

/** [rel, size, mtimeMs, content hash, saved at (ms), result] */
type Entry = [string, number, number, string, number, FileResult];

interface ShardFile {
  fingerprint: string;
  entries: Record<string, Entry>;
}

export interface ShardOutcome {
  results: FileResult[];
  /** Files whose cached result was used. */
  hits: number;
}

/**
 * The cache in `cacheDir` for these content folders, this builder and these taxonomies. Each
 * set of content folders has its own shards (a shard keeps only the files of its last build),
 * so builds of other folders sharing the cache folder do not evict each other. Shards of an
 * older builder or other taxonomies are removed: they can never be used again.
 */
export function openParseCache(cacheDir: string, contentDirs: readonly string[], taxonomy: Taxonomy): CacheSpec {
  const content = shortHash(JSON.stringify(contentDirs.map((dir) => path.resolve(dir))), 12);
  const fingerprint = cacheFingerprint(taxonomy);
  const root = path.resolve(cacheDir);
  const dir = path.join(root, `parse-${content}-${fingerprint}`);
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(root)) {
    if (name.startsWith(`parse-${content}-`) && name !== path.basename(dir)) {
      rmSync(path.join(root, name), { recursive: true, force: true });
    }
  }
  return { dir, fingerprint };
}

/** The shard of a file: a small stable hash of its absolute path. */
export function shardOf(abs: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < abs.length; i++) h = Math.imul(h ^ abs.charCodeAt(i), 0x01000193);
  return (h >>> 0) % CACHE_SHARDS;
}

/**
 * Parse the files of one shard (all its files of this build, in any order) through the cache,
 * then save the shard with exactly these files. Never throws for a file; an unreadable or
 * corrupt shard is an empty one.
 */
export function parseShard(
  spec: CacheSpec,
  shard: number,
  tasks: FileTask[],
  context: NormalizeContext,
  now = Date.now(),
): ShardOutcome {
  const file = path.join(spec.dir, `${shard}.json`);
  const old = loadShard(file, spec.fingerprint);
  const entries: Record<string, Entry> = {};
  const results: FileResult[] = [];
  let hits = 0;
  let changed = Object.keys(old).length !== tasks.length;
  for (const task of tasks) {
    const cached = old[task.abs];
    let size = -1;
    let mtimeMs = -1;
    try {
      ({ size, mtimeMs } = statSync(task.abs));
    } catch {
      // Reported by the read below.
    }
    if (
      cached &&
      cached[0] === task.rel &&
      cached[1] === size &&
      cached[2] === mtimeMs &&
      mtimeMs < cached[4] - RACY_MS
    ) {
      entries[task.abs] = cached;
      results.push(reuse(cached[5], task));
      hits++;
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(task.abs);
    } catch (error) {
      results.push(failure(task, error));
      changed = true;
      continue;
    }
    const bytesHash = contentHash(bytes);
    if (cached && cached[0] === task.rel && cached[3] === bytesHash) {
      entries[task.abs] = [task.rel, size, mtimeMs, bytesHash, now, cached[5]];
      results.push(reuse(cached[5], task));
      hits++;
    } else {
      const result = processBytes(bytes, task, context);
      entries[task.abs] = [task.rel, size, mtimeMs, bytesHash, now, result];
      results.push(result);
    }
    changed = true;
  }
  // Written whole: a killed build leaves the old shard or the new one.
  if (changed) saveCacheFile(file, JSON.stringify({ fingerprint: spec.fingerprint, entries } satisfies ShardFile));
  return { results, hits };
}

/** A cached result for this build: its position and display name are this build's. */
function reuse(result: FileResult, task: FileTask): FileResult {
  if (!result.ok) return { ok: false, order: task.order, problem: { ...result.problem, file: task.display } };
  const article = { ...result.article, order: task.order, file: task.display };
  article.warnings = article.warnings.map((warning) => ({ ...warning, file: task.display }));
  return { ok: true, article };
}

function loadShard(file: string, fingerprint: string): Record<string, Entry> {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as ShardFile;
    return data.fingerprint === fingerprint && typeof data.entries === 'object' && data.entries ? data.entries : {};
  } catch {
    return {};
  }
}

/** What parse results depend on besides the file: the cache format, the builder's code and the taxonomies. */
function cacheFingerprint(taxonomy: Taxonomy): string {
  return shortHash(JSON.stringify([CACHE_FORMAT, builderFingerprint(), taxonomy]), 16);
}
