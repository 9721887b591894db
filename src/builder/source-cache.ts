/**
 * The source cache: the bytes of every article file as the last build through this cache read
 * them. A patched build (patch-build.ts) parses a changed or removed file's old bytes again to
 * learn what it was, and so what changed; the build state (build-state.ts) tells it which files
 * changed. Entries are split into shards by path, one file each, so that each worker saves only
 * the shards of the files it reads.
 *
 * Bytes, not parse results: results serialized as JSON cost a cache-filling 100k build ~7 s of
 * CPU (turning ~230 MB of objects into text, collecting it, saving it), copying the bytes it has
 * just read ~0.3 s. Full builds therefore parse every file; patched builds, which parse only the
 * files that changed, are the fast path for rebuilds.
 *
 * Old bytes give the old result only when parsed by the same builder with the same taxonomies:
 * both are in the cache's fingerprint, and a different fingerprint starts an empty cache.
 */
import { fstatSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { builderFingerprint } from './builder-fingerprint';
import { ByteBuffer } from './byte-buffer';
import { saveCacheFile, shortHash } from './cache-files';
import { fnv64 } from './key-hash';
import { failure, processBytes, readFileBytes, type FileResult, type FileTask } from './parse-file';
import { push } from './map-of-lists';
import type { NormalizeContext } from './normalize';
import type { Taxonomy } from './taxonomy';

/** Bump when the shard format changes. */
const CACHE_FORMAT = 3;
/**
 * About one parse request (PARSE_CHUNK files) a shard at 100k files: a request is a shard, and
 * results kept longer than that survive into the old heap, which then takes more collecting.
 */
export const CACHE_SHARDS = 400;

/** Where a build's cache lives and which fingerprint its entries must carry. */
export interface CacheSpec {
  /** The folder of this fingerprint's shards: `<cache dir>/sources-<content>-<fingerprint>`. */
  dir: string;
  fingerprint: string;
}

/** A file's bytes as the cache keeps them. */
export interface CachedSource {
  abs: string;
  /** Its path relative to its content folder, as the build named it. */
  rel: string;
  bytes: Uint8Array;
}

export interface ShardOutcome {
  /** In task order; each result's order and file names are for the receiver to set. */
  results: FileResult[];
  /** Per task, its size and mtimeMs as seen before it was read (-1, -1: no such file), for the build state. */
  stats: Float64Array;
}

/**
 * The cache in `cacheDir` for these content folders, this builder and these taxonomies. Each
 * set of content folders has its own shards (a shard keeps only the files of its last build),
 * so builds of other folders sharing the cache folder do not evict each other. Shards of an
 * older builder or other taxonomies are removed: they can never be used again (nor can the
 * parse results that older builders kept, in `parse-` folders).
 */
export function openSourceCache(cacheDir: string, contentDirs: readonly string[], taxonomy: Taxonomy): CacheSpec {
  const content = shortHash(JSON.stringify(contentDirs.map((dir) => path.resolve(dir))), 12);
  const fingerprint = cacheFingerprint(taxonomy);
  const root = path.resolve(cacheDir);
  const dir = path.join(root, `sources-${content}-${fingerprint}`);
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(root)) {
    const stale = name.startsWith(`sources-${content}-`) || name.startsWith(`parse-${content}-`);
    if (stale && name !== path.basename(dir)) rmSync(path.join(root, name), { recursive: true, force: true });
  }
  return { dir, fingerprint };
}

/**
 * The shard of a file: a small stable hash of its folder and the first characters of its name
 * (an everyday.cc article's date). Files that the walk meets one after another then mostly share
 * a shard, and a shard's parse request is runs of neighbours, not files from all over the corpus:
 * scattered, taking their results in cost the main thread ~0.3 s more at 100k.
 */
export function shardOf(abs: string): number {
  const name = abs.lastIndexOf(path.sep) + 1;
  return (fnv64(abs.slice(0, name + SHARD_NAME_PREFIX))[0] >>> 0) % CACHE_SHARDS;
}

/** "2024-01-31": the characters of a file's name that choose its shard with its folder. */
const SHARD_NAME_PREFIX = 10;

/**
 * Read and parse the files of one shard (all its files of this build, in any order), then save
 * the shard with exactly these files' bytes. Never throws for a file; a file that cannot be
 * read has no entry.
 */
export function parseShard(spec: CacheSpec, shard: number, tasks: FileTask[], context: NormalizeContext): ShardOutcome {
  const entries = new ShardWriter(spec.fingerprint);
  const results: FileResult[] = [];
  const stats = new Float64Array(tasks.length * 2).fill(-1);
  for (const [i, task] of tasks.entries()) {
    let bytes: Uint8Array;
    try {
      bytes = readFileBytes(task.abs, (fd) => {
        // Stated through the open file, before it is read: a write after this is seen next time.
        const { size, mtimeMs } = fstatSync(fd);
        stats[i * 2] = size;
        stats[i * 2 + 1] = mtimeMs;
        return size;
      });
    } catch (error) {
      results.push(failure(task, error));
      continue;
    }
    entries.add(task, bytes);
    results.push(processBytes(bytes, task, context));
  }
  saveCacheFile(path.join(spec.dir, `${shard}.bin`), entries.bytes());
  return { results, stats };
}

/**
 * These files' last results (by absolute path): their cached bytes, parsed again. A file the
 * cache does not hold has none.
 */
export function cachedResults(
  spec: CacheSpec,
  files: readonly string[],
  context: NormalizeContext,
): Map<string, { rel: string; result: FileResult }> {
  const found = new Map<string, { rel: string; result: FileResult }>();
  for (const [shard, wanted] of byShard(files, (abs) => abs)) {
    const entries = loadShard(path.join(spec.dir, `${shard}.bin`), spec.fingerprint);
    for (const abs of wanted) {
      const entry = entries.get(abs);
      if (!entry) continue;
      // Parsed unnamed, as workers parse (results are named on adoption, see ResultIntake).
      const result = processBytes(entry.bytes, { abs, rel: entry.rel, display: '', order: 0 }, context);
      found.set(abs, { rel: entry.rel, result });
    }
  }
  return found;
}

/** Replace (or add) these files' entries in their shards. */
export function updateCachedSources(spec: CacheSpec, sources: readonly CachedSource[]): void {
  for (const [shard, updates] of byShard(sources, (source) => source.abs)) {
    const file = path.join(spec.dir, `${shard}.bin`);
    const entries = loadShard(file, spec.fingerprint);
    for (const update of updates) entries.set(update.abs, update);
    const writer = new ShardWriter(spec.fingerprint);
    for (const entry of entries.values()) writer.add(entry, entry.bytes);
    saveCacheFile(file, writer.bytes());
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
 * A shard file: the fingerprint as a JSON string, then per entry a newline, its head
 * `[abs, rel, byte length]` as JSON (which holds no raw newline), a newline and the file's bytes.
 * Made in one growing buffer: the bytes read come in a buffer reused from file to file.
 */
class ShardWriter extends ByteBuffer {
  constructor(fingerprint: string) {
    super(1 << 20);
    this.text(JSON.stringify(fingerprint));
  }

  add(file: { abs: string; rel: string }, bytes: Uint8Array): void {
    this.text(`\n${JSON.stringify([file.abs, file.rel, bytes.byteLength])}\n`);
    this.room(bytes.byteLength);
    this.buffer.set(bytes, this.used);
    this.used += bytes.byteLength;
  }

  private text(text: string): void {
    this.room(Buffer.byteLength(text));
    this.used += this.buffer.write(text, this.used);
  }
}

/** The shard's entries by absolute path; none if it is missing, of another fingerprint or corrupt. */
function loadShard(file: string, fingerprint: string): Map<string, CachedSource> {
  const entries = new Map<string, CachedSource>();
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
      const headEnd = bytes.indexOf(NEWLINE, start);
      if (headEnd < 0) throw new Error('not an entry');
      const head = JSON.parse(bytes.toString('utf8', start, headEnd)) as unknown;
      if (!isHead(head) || headEnd + 1 + head[2] > bytes.length) throw new Error('not an entry');
      end = headEnd + 1 + head[2];
      entries.set(head[0], { abs: head[0], rel: head[1], bytes: bytes.subarray(headEnd + 1, end) });
    }
  } catch {
    entries.clear();
  }
  return entries;
}

function isHead(head: unknown): head is [string, string, number] {
  return (
    Array.isArray(head) &&
    head.length === 3 &&
    typeof head[0] === 'string' &&
    typeof head[1] === 'string' &&
    Number.isInteger(head[2]) &&
    (head[2] as number) >= 0
  );
}

const NEWLINE = 0x0a;

/** What old bytes' results depend on besides the bytes: the cache format, the builder's code and the taxonomies. */
function cacheFingerprint(taxonomy: Taxonomy): string {
  return shortHash(JSON.stringify([CACHE_FORMAT, builderFingerprint(), taxonomy]), 16);
}
