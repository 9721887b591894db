/**
 * Atomic, confined output. Every file goes into a staging folder inside `<out>` through one
 * helper that refuses any path outside it; a finished build then swaps its top-level entries
 * into place, `index.json` last. A failed build removes its staging folder and leaves the
 * previous output as it was. Only the builder's own entries in `<out>` are ever replaced.
 *
 * Given the hashes of what `<out>` holds (the last build's record), a build stages only the
 * files whose bytes changed, and the commit moves just those in (and the vanished ones out),
 * each old file set aside until all succeeded, so a failure still restores the previous output.
 */
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, rename, rmdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { feedPaths } from '../feed/urls';
import { contentHash } from './cache-files';
import { joinFeedPath, type FileBatch, type SharedChunk } from './worker-protocol';

/** The builder's entries in `<out>`, in swap order: the manifest last, once all it names is there. */
export const OUTPUT_ENTRIES = [
  'articles',
  'lists',
  'index',
  'topics',
  'logos',
  'feed.json',
  'build-report.json',
  'index.json',
] as const;

const LOCK_FILE = '.newsstand-build.lock';
const TEMP_ENTRY = /^\.(?:staging|previous)-[A-Za-z0-9]+$/;
// Every segment the builder writes is a slug, a logo file name, a shard key or a fixed name.
const SAFE_SEGMENT = '[A-Za-z0-9][A-Za-z0-9._-]*';
// Segments joined by `/`: one test per path (100k a build), not a split and a test per segment.
const SAFE_PATH = new RegExp(`^${SAFE_SEGMENT}(?:/${SAFE_SEGMENT})*$`);

/** Thrown for a path that would leave the output folder; a bug or a hostile input, never written. */
export class UnsafePathError extends Error {
  constructor(relPath: string) {
    super(`refusing to write outside the output folder: ${JSON.stringify(relPath)}`);
    this.name = 'UnsafePathError';
  }
}

/**
 * `root` (an absolute, normalized folder) + a feed-relative path, or UnsafePathError: only plain
 * segments (no `..`, no absolute paths, no backslashes or NUL). A segment that matches
 * SAFE_SEGMENT cannot climb or jump (it never starts with a dot and holds no separator), so
 * joining such segments stays inside `root` without resolving the result (100k files a build).
 */
export function confinedPath(root: string, relPath: string): string {
  assertSafe(relPath);
  return joinFeedPath(root, relPath);
}

function assertSafe(relPath: string): void {
  if (!SAFE_PATH.test(relPath)) throw new UnsafePathError(relPath);
}

/**
 * Writes batches of files elsewhere (a worker pool); without one, files are written inline.
 * Batches come in two lanes, one thread each: article details (`articles/`, the bulk) in lane 0
 * and everything else in lane 1, so both threads create files at once, mostly in different
 * folders. Details overflow into lane 1 while lane 0 is full and lane 1 is not (see laneOf).
 */
export interface FileSink {
  /** Resolves when the batch is on disk; with its buffer, if that may be filled again. */
  write(batch: FileBatch, lane: WriteLane): Promise<ArrayBuffer | void>;
}

export type WriteLane = 0 | 1;

/** The folder of article details, the bulk of a feed's files. */
const DETAILS_FOLDER = 'articles/';

/**
 * Bytes per batch handed to the sink, and batches in flight per lane before `ready()` waits
 * (per lane, so that one lane's slow folder never holds back the other's files). Contents
 * are encoded into the batch's buffer at once, so the strings die young instead of piling up
 * in the old generation of a heap that already holds the whole feed.
 *
 * The sink hands each buffer back once written, and the next batches are filled in those:
 * fresh ones, each freed only when the worker's heap is next collected, piled up ~100 MB of
 * written batches in a worker that makes little garbage of its own (measured at 100k files).
 */
const BATCH_BYTES = 2 << 20;
const MAX_IN_FLIGHT = 4;

export interface FeedWriterOptions {
  /** Writes batches elsewhere (the worker pool); without one, files are written inline. */
  sink?: FileSink | null;
  /**
   * Hashes of the files `<out>` holds now, by feed-relative path: files with the same bytes are
   * not written again, and the commit replaces only what changed. Null: write every file.
   */
  previous?: Readonly<Record<string, string>> | null;
  /** Hash every file written, for the next build's record (see `hashes`). */
  record?: boolean;
}

export class FeedWriter {
  readonly outDir: string;
  readonly stagingDir: string;
  private readonly sink: FileSink | null;
  /** Per lane, the folders its batches make (see makeDir). */
  private readonly createdDirs = [new Set<string>(), new Set<string>()];
  /** Written batches' buffers, to be filled again. */
  private readonly spare: ArrayBuffer[] = [];
  private readonly batches = [newBatch(BATCH_BYTES), newBatch(BATCH_BYTES)];
  /** Per lane, its batches in the sink. */
  private readonly inFlight = [new Set<Promise<void>>(), new Set<Promise<void>>()];
  private failure: unknown = null;
  private closed = false;
  private readonly previous: ReadonlyMap<string, string> | null;
  /** Every file of this build (written or unchanged) → its content hash; null when not kept. */
  readonly hashes: Map<string, string> | null;
  /** True once a failed incremental commit has put every file back as it was. */
  restored = false;
  /** Files of the last build to remove at the commit (see `remove`). */
  private readonly removals: string[] = [];
  /** Files staged by this build, in the order written (only kept with `previous`). */
  private readonly changed: string[] = [];
  private staged = 0;
  private files = 0;
  /** The file begun and not yet ended (see begin), and where it starts in its lane's batch. */
  private begun: { relPath: string; lane: WriteLane; hash: boolean } | null = null;
  private fileStart = 0;
  /** Where the begun file's pieces start in its batch, and its current run of own bytes. */
  private filePieces = 0;
  private runStart = 0;
  /** Chunks of shared memory that files name ranges of (see share), and the same for the sink. */
  private readonly sharedChunks: Uint8Array[] = [];
  private readonly sharedList: SharedChunk[] = [];

  private constructor(outDir: string, stagingDir: string, options: FeedWriterOptions) {
    this.outDir = outDir;
    this.stagingDir = stagingDir;
    this.sink = options.sink ?? null;
    this.previous = options.previous ? new Map(Object.entries(options.previous)) : null;
    this.hashes = options.record || this.previous ? new Map() : null;
  }

  /** Whether files are hashed for a record (callers may then give input keys, see writeParts). */
  get recording(): boolean {
    return this.hashes !== null;
  }

  /** Whether this build replaces only the files that changed (see FeedWriterOptions.previous). */
  get incremental(): boolean {
    return this.previous !== null;
  }

  /** Files this build stages: every file, or with `previous` only those whose bytes changed. */
  get stagedCount(): number {
    return this.staged;
  }

  /** Files of the new feed, staged or unchanged. */
  get fileCount(): number {
    return this.files;
  }

  /** Create `<out>` if needed, take its build lock and a fresh staging folder. */
  static async open(outDir: string, sinkOrOptions: FileSink | FeedWriterOptions | null = null): Promise<FeedWriter> {
    const options: FeedWriterOptions =
      sinkOrOptions && 'write' in sinkOrOptions ? { sink: sinkOrOptions } : (sinkOrOptions ?? {});
    const out = path.resolve(outDir);
    await mkdir(out, { recursive: true });
    takeLock(out);
    try {
      // Left over by a build that was killed; the lock says none is running now.
      for (const entry of await readdir(out)) {
        if (TEMP_ENTRY.test(entry)) await removeTree(path.join(out, entry));
      }
      return new FeedWriter(out, await mkdtemp(path.join(out, '.staging-')), options);
    } catch (error) {
      releaseLock(out);
      throw error;
    }
  }

  /** Write one file of the new feed (feed-relative path); with a sink, later (see `flush`). */
  write(relPath: string, content: string | Uint8Array): void {
    this.writeParts(relPath, [content]);
  }

  /**
   * Write a file made of parts, in order. Parts that are already bytes (a card encoded once
   * and listed in many files) are copied, not encoded again.
   *
   * `inputKey`: a hash of everything the bytes are made from, recorded instead of the bytes'
   * hash. Much smaller than the file, it saves hashing (and, unchanged, copying) the bytes;
   * the record's builder fingerprint covers how the parts are laid out.
   */
  writeParts(relPath: string, parts: readonly (string | Uint8Array)[], inputKey?: string): void {
    if (!this.begin(relPath, inputKey)) return;
    for (const part of parts) {
      if (typeof part === 'string') this.addText(part);
      else this.add(part);
    }
    this.end();
  }

  /**
   * Start a file that `add` and `addText` then fill, piece by piece, straight into the batch
   * buffer, and `end` closes: no array of parts (nor a view per part) for each of ~100k files.
   * False when there is nothing to write: `inputKey` (see writeParts) says `<out>` already holds
   * the file; the file is then neither filled nor ended.
   */
  begin(relPath: string, inputKey?: string): boolean {
    this.files++;
    this.checked(relPath);
    if (this.begun) throw new Error(`${this.begun.relPath} was not ended`);
    const lane = this.sink ? this.laneOf(relPath) : 0;
    // Unchanged: nothing is written, so there is no path to make (or check) either.
    if (inputKey !== undefined && this.hashes) {
      if (this.unchangedHash(relPath, inputKey)) return false;
      this.begun = { relPath, lane, hash: false };
    } else {
      this.begun = { relPath, lane, hash: true };
    }
    const batch = this.batches[lane]!;
    this.fileStart = this.runStart = batch.used;
    this.filePieces = batch.pieces.length;
    return true;
  }

  /** Copy bytes into the file begun (see begin), all but the last `drop` of them. */
  add(bytes: Uint8Array, drop = 0): void {
    const batch = this.room(bytes.byteLength, 0);
    batch.buffer.set(bytes, batch.used);
    batch.used += bytes.byteLength - drop;
  }

  /** Encode text (UTF-8) into the file begun (see begin). */
  addText(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit; exact when that bound does not fit, so a
    // large file (the facet index) gets a buffer of its size, not three times that.
    let batch = this.batches[this.begun!.lane]!;
    const bound = text.length * 3;
    if (batch.used + batch.sharedBytes + bound > batch.buffer.length) batch = this.room(Buffer.byteLength(text), 0);
    batch.used += batch.buffer.write(text, batch.used);
  }

  /**
   * Name chunks of shared memory (views of SharedArrayBuffers) that files then take ranges of
   * (see addShared); the id of the first, the others following.
   */
  share(chunks: readonly Uint8Array[]): number {
    const first = this.sharedChunks.length;
    for (const chunk of chunks) {
      this.sharedList.push({ id: this.sharedChunks.length, buffer: chunk.buffer as SharedArrayBuffer });
      this.sharedChunks.push(chunk);
    }
    return first;
  }

  /**
   * Add bytes `start` to `end` of a shared chunk (see share) to the file begun: the sink copies
   * them from there, so this thread neither copies nor reads them. Copied here when there is
   * no sink, or when the file's bytes are to be hashed.
   */
  addShared(chunk: number, start: number, end: number): void {
    const file = this.begun!;
    if (!this.sink || (file.hash && this.hashes)) {
      this.add(this.sharedChunks[chunk]!.subarray(start, end));
      return;
    }
    const batch = this.room(0, end - start);
    this.endRun(batch);
    batch.pieces.push(chunk, start, end);
    batch.sharedBytes += end - start;
  }

  /** The file begun (see begin) is complete. */
  end(): void {
    const file = this.begun!;
    this.begun = null;
    const batch = this.batches[file.lane]!;
    const start = this.fileStart;
    // A file to hash has no shared pieces (see addShared): its bytes are start to used.
    if (file.hash && this.unchanged(file.relPath, batch.buffer.subarray(start, batch.used))) {
      batch.used = start;
      batch.pieces.length = this.filePieces;
      return;
    }
    this.staged++;
    if (!this.sink) {
      this.makeDir(file.relPath, 0, null);
      writeFileSync(joinFeedPath(this.stagingDir, file.relPath), batch.buffer.subarray(start, batch.used));
      batch.used = 0;
      return;
    }
    this.endRun(batch);
    this.makeDir(file.relPath, file.lane, batch);
    batch.paths.push(file.relPath);
    batch.ends.push(batch.pieces.length / 3);
  }

  /** The begun file's own bytes since its last piece become a piece. */
  private endRun(batch: PendingBatch): void {
    if (batch.used > this.runStart) batch.pieces.push(-1, this.runStart, batch.used);
    this.runStart = batch.used;
  }

  /**
   * The open file's batch, with room for `own` more bytes of its own and `shared` bytes of shared
   * chunks (a batch holds as many bytes in all as its buffer). When it is full, the batch goes
   * to the sink without the file begun, which moves to a fresh batch (larger if it needs more).
   * `relPath`s stay relative: the sink joins them to the staging folder. ~100k absolute paths,
   * each made, flattened to be posted and kept until its batch was written, were garbage in a
   * heap at its fullest (in one 100k build the main heap grew 29 MB over the write phase with
   * relative paths, 37 MB with absolute ones).
   */
  private room(own: number, shared: number): PendingBatch {
    const { lane } = this.begun!;
    const batch = this.batches[lane]!;
    if (batch.used + batch.sharedBytes + own + shared <= batch.buffer.length) return batch;
    const fileStart = this.fileStart;
    const partial = batch.buffer.subarray(fileStart, batch.used);
    const pieces = batch.pieces.splice(this.filePieces);
    let sharedBytes = 0;
    for (let i = 0; i < pieces.length; i += 3) {
      if (pieces[i]! < 0) {
        pieces[i + 1]! -= fileStart;
        pieces[i + 2]! -= fileStart;
      } else {
        sharedBytes += pieces[i + 2]! - pieces[i + 1]!;
      }
    }
    const size = Math.max(BATCH_BYTES, partial.length + sharedBytes + own + shared);
    const next = newBatch(size, size === BATCH_BYTES ? this.spare.pop() : undefined);
    next.buffer.set(partial);
    next.used = partial.length;
    next.pieces = pieces;
    next.sharedBytes = sharedBytes;
    batch.used = fileStart;
    batch.sharedBytes -= sharedBytes;
    this.runStart -= fileStart;
    this.fileStart = 0;
    this.filePieces = 0;
    this.batches[lane] = next;
    this.dispatch(lane, batch);
    return next;
  }

  /**
   * A file's lane. A detail goes to lane 1 while lane 0 has all the batches it may hold and
   * lane 1 has room: on a disk (ext4) where lane 0 cannot create files as fast as this thread
   * makes them, a second thread creating them in the same folder still adds (a 100k build's
   * write phase took ~1 s less); and a lane 1 busy elsewhere (ranking) soon has all the batches
   * it may hold, unwritten, so details stop going there and wait for neither lane for long.
   */
  private laneOf(relPath: string): WriteLane {
    if (!relPath.startsWith(DETAILS_FOLDER)) return 1;
    return this.hasNoRoom(0) && !this.hasNoRoom(1) ? 1 : 0;
  }

  private hasNoRoom(lane: WriteLane): boolean {
    return this.inFlight[lane]!.size >= MAX_IN_FLIGHT;
  }

  /**
   * True while `ready(lane)` would wait: the sink has all the lane's batches it may hold (for
   * lane 0, the lane of the details, all of both lanes' batches: details overflow, see laneOf).
   */
  isFull(lane: WriteLane): boolean {
    return lane === 0 ? this.hasNoRoom(0) && this.hasNoRoom(1) : this.hasNoRoom(1);
  }

  /** True once a write has failed (`ready()` then rejects). */
  get failed(): boolean {
    return this.failure !== null;
  }

  /**
   * Resolves when the sink can take more of a lane's files (of both lanes' without one);
   * rejects once a write has failed.
   */
  async ready(lane?: WriteLane): Promise<void> {
    const full = () => (lane === undefined ? this.hasNoRoom(0) || this.hasNoRoom(1) : this.isFull(lane));
    while (full()) await Promise.race([...this.inFlight[0]!, ...this.inFlight[1]!]);
    if (this.failure) throw this.failure;
  }

  /** Wait until every file written so far is on disk. */
  async flush(): Promise<void> {
    this.dispatch(0);
    this.dispatch(1);
    await Promise.all(this.inFlight.flatMap((jobs) => [...jobs]));
    if (this.failure) throw this.failure;
  }

  /** Hand a lane's batch to the sink; if it is still the lane's, the lane gets a fresh one. */
  private dispatch(lane: WriteLane, batch = this.batches[lane]!): void {
    if (!this.sink || (batch.paths.length === 0 && batch.dirs.length === 0)) return;
    const { dirs, paths, ends, pieces, buffer } = batch;
    if (batch === this.batches[lane]) this.batches[lane] = newBatch(BATCH_BYTES, this.spare.pop());
    const bytes = buffer.buffer as ArrayBuffer;
    const job: Promise<void> = this.sink
      .write(
        {
          root: this.stagingDir,
          dirs,
          paths,
          ends: Int32Array.from(ends),
          pieces: Int32Array.from(pieces),
          bytes,
          shared: this.sharedList,
        },
        lane,
      )
      .then((bytes) => {
        if (bytes?.byteLength === BATCH_BYTES && !this.closed) this.spare.push(bytes);
      })
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.inFlight[lane]!.delete(job));
    this.inFlight[lane]!.add(job);
  }

  /**
   * Remove a file of `<out>` at the commit, as if the last build's record named it and this
   * build made it no more: for a build that knows what goes without a record (a patch).
   */
  remove(relPath: string): void {
    this.assertOpen();
    if (!this.previous) throw new Error('only an incremental build removes single files');
    confinedPath(this.outDir, relPath);
    this.removals.push(relPath);
  }

  /** Copy a file into the new feed. */
  copy(sourcePath: string, relPath: string): void {
    const target = this.target(relPath);
    this.files++;
    if (this.hashes && this.unchanged(relPath, readFileSync(sourcePath))) return;
    this.makeDir(relPath, 0, null);
    copyFileSync(sourcePath, target);
    this.staged++;
  }

  /** Note the file's hash; true when `<out>` already holds these very bytes (nothing to write). */
  private unchanged(relPath: string, bytes: Uint8Array): boolean {
    return this.hashes !== null && this.unchangedHash(relPath, contentHash(bytes));
  }

  /** Record the file's hash; true when the last build recorded the same one (nothing to write). */
  private unchangedHash(relPath: string, hash: string): boolean {
    this.hashes!.set(relPath, hash);
    if (this.previous?.get(relPath) === hash) return true;
    if (this.previous) this.changed.push(relPath);
    return false;
  }

  private target(relPath: string): string {
    this.assertOpen();
    return confinedPath(this.stagingDir, relPath);
  }

  /** `relPath`, once the writer is known to be open and the path to stay inside it (see confinedPath). */
  private checked(relPath: string): string {
    this.assertOpen();
    assertSafe(relPath);
    return relPath;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the feed writer is closed');
  }

  /**
   * Create the folder of a (checked) feed-relative path once per lane: here without a batch,
   * else by the sink, first thing for that batch (creating thousands of list folders is the
   * sink's work too). Each lane makes the folders it fills, as its batches may be written before
   * the other lane's (details overflow, see laneOf); making one that is there already is a
   * no-op. The staging folder itself is there already.
   */
  private makeDir(relPath: string, lane: WriteLane, batch: PendingBatch | null): void {
    const dir = relPath.slice(0, Math.max(0, relPath.lastIndexOf('/')));
    if (dir === '' || this.createdDirs[lane]!.has(dir)) return;
    if (batch) {
      batch.dirs.push(dir);
      this.createdDirs[lane]!.add(dir);
      return;
    }
    // Made here and now: there for both lanes.
    mkdirSync(joinFeedPath(this.stagingDir, dir), { recursive: true });
    for (const created of this.createdDirs) created.add(dir);
  }

  /**
   * Swap the new feed in: move each old entry aside, the new one in, then delete the old ones.
   * If a move fails, the moves so far are undone and the error is rethrown.
   */
  async commit(onStep?: (done: number, total: number) => void): Promise<void> {
    await this.flush();
    this.closed = true;
    this.spare.length = 0;
    if (this.previous) return this.commitChanges(this.previous, onStep);
    const previous = await mkdtemp(path.join(this.outDir, '.previous-'));
    const steps: { name: string; old: boolean; fresh: boolean }[] = [];
    try {
      for (const [i, name] of OUTPUT_ENTRIES.entries()) {
        const target = path.join(this.outDir, name);
        const fresh = path.join(this.stagingDir, name);
        const step = { name, old: false, fresh: false };
        steps.push(step);
        if (await exists(target)) {
          await rename(target, path.join(previous, name));
          step.old = true;
        }
        if (await exists(fresh)) {
          await rename(fresh, target);
          step.fresh = true;
        }
        onStep?.(i + 1, OUTPUT_ENTRIES.length);
      }
    } catch (error) {
      for (const step of steps.reverse()) {
        const target = path.join(this.outDir, step.name);
        if (step.fresh) await rename(target, path.join(this.stagingDir, step.name));
        if (step.old) await rename(path.join(previous, step.name), target);
      }
      await removeTree(previous);
      await this.abort();
      throw error;
    }
    await removeTree(previous);
    await removeTree(this.stagingDir);
    releaseLock(this.outDir);
  }

  /**
   * Move the staged files in and the vanished ones out, one file at a time, the start file and
   * the manifest last. Each replaced or removed file waits in a side folder until every move
   * succeeded; if one fails, the moves so far are undone and the error is rethrown.
   */
  private async commitChanges(
    previous: ReadonlyMap<string, string>,
    onStep?: (done: number, total: number) => void,
  ): Promise<void> {
    const last = [feedPaths.start(), feedPaths.manifest()];
    const staged = this.changed.filter((rel) => !last.includes(rel));
    staged.push(...last.filter((rel) => this.changed.includes(rel)));
    const removed = [...previous.keys(), ...this.removals].filter((rel) => !this.hashes!.has(rel));
    const aside = await mkdtemp(path.join(this.outDir, '.previous-'));
    const made = new Set<string>();
    const ensureDir = (dir: string) => {
      if (made.has(dir)) return;
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    };
    const done: { rel: string; old: boolean; fresh: boolean }[] = [];
    const total = staged.length + removed.length;
    // Synchronous calls: thousands of renames, each a few microseconds, cost several times more
    // as promises (measured: 8,400 files in 3.2 s).
    try {
      for (const [fresh, rels] of [
        [true, staged],
        [false, removed],
      ] as const) {
        for (const rel of rels) {
          const target = confinedPath(this.outDir, rel);
          const step = { rel, old: false, fresh: false };
          done.push(step);
          const saved = confinedPath(aside, rel);
          ensureDir(path.dirname(saved));
          step.old = renameIfPresent(target, saved);
          if (fresh) {
            ensureDir(path.dirname(target));
            renameSync(confinedPath(this.stagingDir, rel), target);
            step.fresh = true;
          }
          if (done.length % 100 === 0) onStep?.(done.length, total);
        }
      }
    } catch (error) {
      for (const step of done.reverse()) {
        const target = confinedPath(this.outDir, step.rel);
        if (step.fresh) renameSync(target, confinedPath(this.stagingDir, step.rel));
        if (step.old) renameSync(confinedPath(aside, step.rel), target);
      }
      this.restored = true;
      await removeTree(aside);
      await this.abort();
      throw error;
    }
    onStep?.(total, total);
    // Folders left empty by removed files (a topic that is gone) go too.
    for (const rel of removed) await removeEmptyParents(this.outDir, path.dirname(confinedPath(this.outDir, rel)));
    await removeTree(aside);
    await removeTree(this.stagingDir);
    releaseLock(this.outDir);
  }

  /** Throw the new feed away; the previous output is untouched. */
  async abort(): Promise<void> {
    this.closed = true;
    this.batches.fill(newBatch(0));
    this.spare.length = 0;
    // Writes still running would land in a deleted folder: let them finish first.
    await Promise.allSettled(this.inFlight.flatMap((jobs) => [...jobs]));
    await removeTree(this.stagingDir);
    releaseLock(this.outDir);
  }
}

interface PendingBatch {
  /** Not from Node's shared pool, so its ArrayBuffer is its own and can be transferred. */
  buffer: Buffer;
  /** Bytes of `buffer` filled, and bytes of shared chunks that the batch's files name. */
  used: number;
  sharedBytes: number;
  dirs: string[];
  paths: string[];
  /** As FileBatch says: pieces per file, and each piece's source and range. */
  ends: number[];
  pieces: number[];
}

/** A batch of `size` bytes, in `reuse` when given (a spare buffer of that size). */
function newBatch(size: number, reuse?: ArrayBuffer): PendingBatch {
  const buffer = reuse ? Buffer.from(reuse) : Buffer.allocUnsafeSlow(size);
  return { buffer, used: 0, sharedBytes: 0, dirs: [], paths: [], ends: [], pieces: [] };
}

/**
 * Delete a folder and all in it (or a file), if there, REMOVALS_AT_ONCE entries of a folder at a time:
 * fs.promises.rm starts an unlink for every entry of a folder at once, and for a feed's 90k
 * article files those pending requests took ~150 MB at the build's peak (measured at 100k).
 */
async function removeTree(dir: string): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') return unlink(dir);
    throw error;
  }
  let next = 0;
  const removeNext = async (): Promise<void> => {
    for (let entry = entries[next++]; entry; entry = entries[next++]) {
      const entryPath = path.join(dir, entry.name);
      await (entry.isDirectory() ? removeTree(entryPath) : unlink(entryPath));
    }
  };
  await Promise.all(Array.from({ length: Math.min(REMOVALS_AT_ONCE, entries.length) }, removeNext));
  await rmdir(dir);
}

const REMOVALS_AT_ONCE = 16;

/** Rename `from` to `to`; false if there was no `from`. */
function renameIfPresent(from: string, to: string): boolean {
  try {
    renameSync(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** rmdir `dir` and its parents up to (not including) `root`, while they are empty. */
async function removeEmptyParents(root: string, dir: string): Promise<void> {
  while (dir.startsWith(root + path.sep)) {
    try {
      await rmdir(dir);
    } catch {
      return; // not empty (or already gone)
    }
    dir = path.dirname(dir);
  }
}

async function exists(target: string): Promise<boolean> {
  try {
    await lstat(target);
    return true;
  } catch {
    return false;
  }
}

/** One build per output folder at a time; a lock whose process is gone is taken over. */
function takeLock(out: string): void {
  const lockPath = path.join(out, LOCK_FILE);
  try {
    writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const holder = Number(readFileSync(lockPath, 'utf8'));
  if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
    throw new Error(`another build (process ${holder}) is writing to ${out}; if it is not, delete ${lockPath}`);
  }
  writeFileSync(lockPath, String(process.pid));
}

function releaseLock(out: string): void {
  rmSync(path.join(out, LOCK_FILE), { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
