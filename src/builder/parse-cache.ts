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
import { failure, processBytes, readFileBytes, type FileResult, type FileTask } from './parse-file';
import { push } from './map-of-lists';
import type { NormalizeContext } from './normalize';
import type { Taxonomy } from './taxonomy';

/** Bump when the shard format changes. */
const CACHE_FORMAT = 2;
export const CACHE_SHARDS = 64;
/** A modification time this close to the entry's save may hide a later write within the same tick. */
const RACY_MS = 2000;

/** Where a build's cache lives and which fingerprint its entries must carry. */
export interface CacheSpec {
  /** The folder of this fingerprint's shards: `<cache dir>/parse-<fingerprint>`. */
  dir: string;
  fingerprint: string;
}

/** [abs, rel, size, mtimeMs, content hash, saved at (ms)] */
type EntryHead = [string, string, number, number, string, number];

/**
 * An entry: its head, and its result as JSON. A shard file is the fingerprint as a JSON string
 * on the first line, then one line per entry: the head as JSON, a tab, the result. JSON holds
 * no raw tab or newline, so the worker finds entries without parsing their results, and a
 * shard saved again keeps its reused results' text as it is.
 *
 * Text, not bytes: a shard is written whole as a string, whose bytes Node frees at once.
 * Buffers (one per entry, a shard's worth concatenated) are freed only when the worker's heap
 * is next collected, and filling the cache at 100k files they held ~50 MB of memory that the
 * process kept after the parse workers were gone. A loaded shard is still read as bytes and
 * each result decoded on its own: decoded whole, one non-ASCII character makes the whole text
 * two bytes a character, and parsing its results took ~40% longer.
 */
interface Entry {
  head: EntryHead;
  result: string;
}

export interface ShardOutcome {
  /** In task order; each result's order and file names are for the receiver to set. */
  results: FileResult[];
  /** Files whose cached result was used. */
  hits: number;
  /** Per task, its size and mtimeMs as seen before it was read (-1, -1: no such file), for the build state. */
  stats: Float64Array;
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
  const file = path.join(spec.dir, `${shard}.txt`);
  const old = loadShard(file, spec.fingerprint);
  const entries: Entry[] = [];
  const results: FileResult[] = [];
  const stats = new Float64Array(tasks.length * 2);
  let hits = 0;
  let changed = old.size !== tasks.length;
  for (const [i, task] of tasks.entries()) {
    const cached = old.get(task.abs);
    const rel = cached?.head[1];
    let size = -1;
    let mtimeMs = -1;
    try {
      ({ size, mtimeMs } = statSync(task.abs));
    } catch {
      // Reported by the read below.
    }
    stats[i * 2] = size;
    stats[i * 2 + 1] = mtimeMs;
    if (cached && rel === task.rel && cached.head[2] === size && cached.head[3] === mtimeMs) {
      const result = mtimeMs < cached.head[5] - RACY_MS ? parsedResult(cached.result) : null;
      if (result) {
        entries.push(cached);
        results.push(result);
        hits++;
        continue;
      }
    }
    changed = true;
    let bytes: Uint8Array;
    try {
      bytes = readFileBytes(task.abs);
    } catch (error) {
      results.push(failure(task, error));
      continue;
    }
    const bytesHash = contentHash(bytes);
    const reused = cached && rel === task.rel && cached.head[4] === bytesHash ? parsedResult(cached.result) : null;
    const result = reused ?? processBytes(bytes, task, context);
    if (reused) hits++;
    const json = reused ? cached!.result : JSON.stringify(result);
    entries.push({ head: [task.abs, task.rel, size, mtimeMs, bytesHash, now], result: json });
    results.push(result);
  }
  if (changed) saveShard(file, spec.fingerprint, entries);
  return { results, hits, stats };
}

/** Written whole: a killed build leaves the old shard or the new one. */
function saveShard(file: string, fingerprint: string, entries: Iterable<Entry>): void {
  const parts = [JSON.stringify(fingerprint)];
  for (const entry of entries) parts.push(`\n${JSON.stringify(entry.head)}\t`, entry.result);
  saveCacheFile(file, parts.join(''));
}

/** A file's cache entry, as a patched build (patch-build.ts) reads and replaces it. */
export interface CachedFile {
  abs: string;
  rel: string;
  size: number;
  mtimeMs: number;
  bytesHash: string;
  /** Null when the entry's result is unreadable. */
  result: FileResult | null;
}

/** The entries of these files (by absolute path) that the cache holds, whatever their stats. */
export function cachedFiles(spec: CacheSpec, files: readonly string[]): Map<string, CachedFile> {
  const found = new Map<string, CachedFile>();
  for (const [shard, wanted] of byShard(files, (abs) => abs)) {
    const entries = loadShard(path.join(spec.dir, `${shard}.txt`), spec.fingerprint);
    for (const abs of wanted) {
      const entry = entries.get(abs);
      if (!entry) continue;
      const [, rel, size, mtimeMs, bytesHash] = entry.head;
      found.set(abs, { abs, rel, size, mtimeMs, bytesHash, result: parsedResult(entry.result) });
    }
  }
  return found;
}

/** Replace (or add) these files' entries in their shards, saved at `now`. */
export function updateCachedFiles(spec: CacheSpec, files: readonly CachedFile[], now = Date.now()): void {
  for (const [shard, updates] of byShard(files, (file) => file.abs)) {
    const file = path.join(spec.dir, `${shard}.txt`);
    const entries = loadShard(file, spec.fingerprint);
    for (const update of updates) {
      const head: EntryHead = [update.abs, update.rel, update.size, update.mtimeMs, update.bytesHash, now];
      entries.set(update.abs, { head, result: JSON.stringify(update.result) });
    }
    saveShard(file, spec.fingerprint, entries.values());
  }
}

/** Items by the cache shard of their file (see shardOf), in their order within each shard. */
export function byShard<T>(items: readonly T[], absOf: (item: T) => string): Map<number, T[]> {
  const shards = new Map<number, T[]>();
  for (const item of items) {
    push(shards, shardOf(absOf(item)), item);
  }
  return shards;
}

/**
 * A cached result, parsed; null if it is not JSON (a corrupt cache). Parsed in the worker, not
 * by the main thread: the strings JSON.parse makes can be slices of the text, and one the feed
 * keeps (a URL) would keep the whole text alive. Posting copies them flat.
 */
function parsedResult(json: string): FileResult | null {
  try {
    return JSON.parse(json) as FileResult;
  } catch {
    return null;
  }
}

/** The shard's entries by absolute path; none if it is missing, of another fingerprint or corrupt. */
function loadShard(file: string, fingerprint: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return entries;
  }
  try {
    let end = bytes.indexOf(NEWLINE);
    if (end < 0) end = bytes.length;
    if (JSON.parse(bytes.toString('utf8', 0, end)) !== fingerprint) return entries;
    while (end < bytes.length) {
      const start = end + 1;
      end = bytes.indexOf(NEWLINE, start);
      if (end < 0) end = bytes.length;
      const tab = bytes.indexOf(TAB, start);
      if (tab < 0 || tab > end) throw new Error('not an entry');
      const head = JSON.parse(bytes.toString('utf8', start, tab)) as EntryHead;
      if (!Array.isArray(head) || head.length !== 6) throw new Error('not an entry');
      entries.set(head[0], { head, result: utf8.decode(bytes.subarray(tab + 1, end)) });
    }
  } catch {
    entries.clear();
  }
  return entries;
}

const NEWLINE = 0x0a;
const TAB = 0x09;
const utf8 = new TextDecoder();

/** What parse results depend on besides the file: the cache format, the builder's code and the taxonomies. */
function cacheFingerprint(taxonomy: Taxonomy): string {
  return shortHash(JSON.stringify([CACHE_FORMAT, builderFingerprint(), taxonomy]), 16);
}
