/**
 * What a build leaves for the next one to patch (see patch-build.ts): the files it read, with
 * their sizes and times, and the linked feed as typed arrays — each row's slug and its hash, the
 * related ranking's input and lists, the facet index's other columns, the term vocabulary and the
 * build id's digests. It lives in the cache folder beside the output record: ~57 MB at 100k
 * articles.
 *
 * Layout: the head's length (4 bytes) and the head as JSON, then the sections it lists, each
 * at a multiple of 8 bytes, so that typed arrays view the buffer they are read into without
 * copying: the paths and where each begins first (a rebuild stats the files while it reads the
 * rest), the term lists last (each read into a buffer of its own, with room to grow).
 */
import { closeSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { builderFingerprint } from './builder-fingerprint';
import { saveCacheFile, shortHash } from './cache-files';
import { ROW_DIGEST_BYTES } from './emit-feed';
import { ROW_FACETS } from './facet-index-text';
import type { NormalizedArticle } from './normalize';
import { growableValues, isGrowable, type Lists } from './lists';
import type { RankerInput } from './related-ranker';
import type { Taxonomy } from './taxonomy';
import { TextLines } from './text-lines';

/** Bump when the layout or the meaning of a section changes. */
const STATE_FORMAT = 5;

export interface StateHead {
  format: number;
  /** The builder that saved it (builderFingerprint): another one may link the feed otherwise. */
  builder: string;
  /** The build options that shape the feed (see stateKey). */
  key: string;
  buildId: string;
  /** The version of the whole order of articles, which the facet index names (see listVersion). */
  indexVersion: string;
  /** When the build began: a file modified since (less a margin) may have changed unseen. */
  startedAt: number;
  taxonomy: Taxonomy;
  /** The first `articleFiles` paths are the article files, in path order; the rest must not change. */
  articleFiles: number;
  /** Each content folder walked → a digest of the entries the walk took (see takenEntries). */
  listings: Record<string, string>;
  /** The output folder: never walked. */
  outDir: string;
}

export interface BuildState {
  head: StateHead;
  /** Every file and folder the build depends on: article files first, then taxonomy files, logos, folders. */
  paths: TextLines;
  sizes: Float64Array;
  mtimes: Float64Array;
  /** Per article file: its row in the feed, or -1 (skipped, a duplicate or unpublished). */
  fileRows: Int32Array;
  /** Per row. */
  slugs: TextLines;
  /** Per row, two: its slug's hash, which list versions are made of (see slugHashesOf). */
  slugHashes: Uint32Array;
  ranker: RankerInput;
  /** Per row, what the facet index holds beyond `ranker` (ROW_FACETS a row, see facet-index-text.ts). */
  rowFacets: Int32Array;
  /** Term id → term (a term no row holds any more has empty postings). */
  terms: string[];
  /** Per row: how many computed related rows it has, or -1 when its list is the source's own. */
  relatedCounts: Int8Array;
  /** Per row, MAX_COMPUTED_RELATED slots: its computed related rows, best first. */
  relatedPicks: Int32Array;
  /** Per row: the rows of this feed its source's related list links to. */
  givenRows: Lists;
  headDigest: Uint8Array;
  rowDigests: Uint8Array;
  /** Per row: its card's length in bytes, to find it in the all-articles list's pages. */
  cardLengths: Int32Array;
  /**
   * What a patch that adds articles checks them against (see patch-additions.ts): the slugs of
   * the parsed files without a row (a duplicate, unpublished) — slugs are given before those are
   * left out, so theirs are taken too;
   */
  otherSlugs: string[];
  /**
   * the keyHash of every URL key that decides a duplicate or a related link: each parsed file's
   * original and web key, each key a source related list links to (see knownKeysOf), as many
   * times as the files name them;
   */
  knownKeys: Float64Array;
  /** and the keys related links resolve by (keyHash), with the row each leads to. */
  urlKeys: Float64Array;
  urlKeyRows: Int32Array;
}

/** The options a state is valid for: another content folder, flag or title means another feed. */
export function stateKey(options: {
  contentDirs: readonly string[];
  outDir: string;
  includeUnpublished: boolean;
  siteUrl: string | null;
  title: string;
  strict: boolean;
}): string {
  return JSON.stringify([
    options.contentDirs,
    options.contentDirs.map((dir) => path.resolve(dir)),
    path.resolve(options.outDir),
    options.includeUnpublished,
    options.siteUrl,
    options.title,
    options.strict,
  ]);
}

/** The state's file for an output folder, inside the cache folder. */
export function buildStateFile(cacheDir: string, outDir: string): string {
  return path.join(path.resolve(cacheDir), `state-${shortHash(path.resolve(outDir), 12)}.bin`);
}

/** A section's bytes, or its bytes in pieces (see TextLines.parts). */
type Section = [name: string, bytes: Uint8Array | readonly Uint8Array[]];

const encoder = new TextEncoder();
/**
 * The bytes a list of strings was read from (or last saved as), while it keeps that length: a
 * patch saves the state again with most lists as they were. Lists only ever grow (new terms).
 * (The paths and slugs, the long lists, are TextLines, which keep their bytes themselves.)
 */
const encoded = new WeakMap<readonly string[], { length: number; bytes: Uint8Array }>();
const lines = (values: readonly string[]) => {
  const known = encoded.get(values);
  if (known?.length === values.length) return known.bytes;
  const bytes = encoder.encode(values.join('\n'));
  encoded.set(values, { length: values.length, bytes });
  return bytes;
};
const bytesOf = (array: ArrayBufferView) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

/** A state to save: its head's format and builder are this module's. */
export type StateToSave = Omit<BuildState, 'head'> & { head: Omit<StateHead, 'format' | 'builder'> };

export function saveBuildState(file: string, state: StateToSave): void {
  const { ranker } = state;
  const sections: Section[] = [
    ['paths', state.paths.parts()],
    ['paths.starts', bytesOf(state.paths.starts())],
    ['sizes', bytesOf(state.sizes)],
    ['mtimes', bytesOf(state.mtimes)],
    ['fileRows', bytesOf(state.fileRows)],
    ['slugs', state.slugs.parts()],
    ['slugs.starts', bytesOf(state.slugs.starts())],
    ['slugHashes', bytesOf(state.slugHashes)],
    ['time', bytesOf(ranker.time)],
    ['provider', bytesOf(ranker.provider)],
    ...listSections('topicsOf', ranker.topicsOf),
    ['termsOf.start', bytesOf(ranker.termsOf.start)],
    ['postings.start', bytesOf(ranker.postings.start)],
    ...listSections('topicRows', ranker.topicRows),
    ...listSections('providerRows', ranker.providerRows),
    ['rowFacets', bytesOf(state.rowFacets)],
    ['terms', lines(state.terms)],
    ['relatedCounts', bytesOf(state.relatedCounts)],
    ['relatedPicks', bytesOf(state.relatedPicks)],
    ...listSections('givenRows', state.givenRows),
    ['headDigest', state.headDigest],
    ['rowDigests', state.rowDigests],
    ['cardLengths', bytesOf(state.cardLengths)],
    ['otherSlugs', lines(state.otherSlugs)],
    ['knownKeys', bytesOf(state.knownKeys)],
    ['urlKeys', bytesOf(state.urlKeys)],
    ['urlKeyRows', bytesOf(state.urlKeyRows)],
    // Last, each read into a buffer of its own with room to grow (see GROWING).
    ['termsOf.values', bytesOf(ranker.termsOf.values)],
    ['postings.values', bytesOf(ranker.postings.values)],
  ];
  const table: [string, number, number][] = [];
  let offset = 0;
  for (const [name, bytes] of sections) {
    const length = byteLength(bytes);
    table.push([name, offset, length]);
    offset += align(length);
  }
  // The head as loadBuildState reads it back: the file's also tells where each section lies.
  const fullHead = { ...state.head, format: STATE_FORMAT, builder: builderFingerprint() };
  const head = encoder.encode(JSON.stringify({ ...fullHead, sections: table }));
  const start = align(4 + head.byteLength);
  const prefix = Buffer.alloc(start);
  prefix.writeUInt32LE(head.byteLength, 0);
  prefix.set(head, 4);
  const parts: Uint8Array[] = [prefix];
  for (const [, bytes] of sections) {
    for (const piece of bytes instanceof Uint8Array ? [bytes] : bytes) parts.push(piece);
    const length = byteLength(bytes);
    if (length % 8) parts.push(PADDING.subarray(0, align(length) - length));
  }
  // Written part by part: one 50 MB buffer would cost a copy of everything.
  saveCacheFile(file, parts);
  if (kept) keepSaved(file, { ...state, head: fullHead });
}

/**
 * The states this process saved, while it keeps them for its next builds (a watching builder,
 * see keepBuildStates), with what their files were just after the save.
 */
let kept: Map<string, { state: BuildState; identity: string }> | null = null;

/**
 * From now on, keep each state this process saves in memory: its next patch starts from it
 * instead of reading ~57 MB back (~0.3 s at 100k articles), as long as the file is still the
 * one it saved (no other build has saved one since). A kept state is handed out once, since the
 * patch that takes it changes it in place; the state that patch saves is kept in its stead.
 * `false`: keep none from now on.
 */
export function keepBuildStates(keep = true): void {
  kept = keep ? (kept ?? new Map()) : null;
}

function keepSaved(file: string, state: BuildState): void {
  const identity = fileIdentity(file);
  if (!identity) {
    kept?.delete(file);
    return;
  }
  // With room to grow, as a state read from its file has (see GROWING): a patch then moves the
  // term lists where they lie instead of copying 24 MB (at 100k articles) into fresh memory.
  const { termsOf, postings } = state.ranker;
  const ranker = { ...state.ranker, termsOf: growing(termsOf), postings: growing(postings) };
  kept?.set(file, { state: { ...state, ranker }, identity });
}

function growing(lists: Lists): Lists {
  if (isGrowable(lists.values)) return lists;
  const values = growableValues(lists.values.length, GROWTH_ROOM);
  values.set(lists.values);
  return { start: lists.start, values };
}

/** What tells one save of a file from another: a save writes a new file and renames it over the old one. */
function fileIdentity(file: string): string | null {
  const stats = statSync(file, { bigint: true, throwIfNoEntry: false });
  return stats ? `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}` : null;
}

/** The state kept for `file`, if any, left where it is (see keepBuildStates): for tests. */
export function keptBuildState(file: string): BuildState | null {
  return kept?.get(file)?.state ?? null;
}

/** The state kept for `file` if its file is still the one saved with it (see keepBuildStates), taken out. */
function takeKept(file: string, key: string): BuildState | null {
  const held = kept?.get(file);
  if (!held) return null;
  kept!.delete(file);
  return held.identity === fileIdentity(file) && held.state.head.key === key ? held.state : null;
}

const PADDING = new Uint8Array(8);

/**
 * The sections a patch changes in length, the last two of the file: each is read into a buffer
 * of its own with room for GROWTH_ROOM more values, where a patch moves them in place instead
 * of copying 12 MB (at 100k articles) into fresh memory.
 */
const GROWING = ['termsOf.values', 'postings.values'] as const;
const GROWTH_ROOM = 64 * 1024;

/**
 * The state's head and where in the file each section lies (offset, length), read through
 * `read` (the bytes at a position); null when it is another format's or another builder's.
 */
function readHead(
  read: (length: number, position: number) => Buffer,
): { head: StateHead; sections: Map<string, [number, number]> } | null {
  const headLength = read(4, 0).readUInt32LE(0);
  const head = JSON.parse(read(headLength, 4).toString('utf8')) as StateHead & {
    sections: [string, number, number][];
  };
  if (head.format !== STATE_FORMAT || head.builder !== builderFingerprint()) return null;
  const start = align(4 + headLength);
  const sections = new Map(
    head.sections.map(([name, offset, length]) => [name, [start + offset, length] as [number, number]]),
  );
  return { head: { ...head, sections: undefined } as StateHead, sections };
}

/**
 * The state, if it is whole and this builder's with these options; null otherwise. It is read
 * through one open file: its head, then its paths, given to `onPaths` (their bytes in a
 * SharedArrayBuffer) so that the files can be statted in workers while the rest of it (~45 MB at
 * 100k files) is read. A state this process kept (see keepBuildStates) is not read at all.
 */
export function loadBuildState(file: string, key: string, onPaths?: (paths: TextLines) => void): BuildState | null {
  const held = takeKept(file, key);
  if (held) {
    onPaths?.(held.paths);
    return held;
  }
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const readInto = (bytes: Uint8Array, position: number) => {
      for (let at = 0; at < bytes.byteLength;) {
        const read = readSync(fd, bytes, at, bytes.byteLength - at, position + at);
        if (read === 0) throw new Error('a short state file');
        at += read;
      }
      return bytes;
    };
    const placed = readHead((length, position) => readInto(Buffer.allocUnsafe(length), position) as Buffer);
    if (placed?.head.key !== key) return null;
    const { head, sections } = placed;
    // The paths and where each begins, the first two sections, each read on its own.
    const [pathsAt, pathsLength] = sections.get('paths') ?? [];
    const [startsAt, startsLength] = sections.get('paths.starts') ?? [];
    if (pathsAt === undefined || pathsLength === undefined || startsAt !== pathsAt + align(pathsLength)) return null;
    if (startsLength === undefined || startsLength % 4) return null;
    const pathStarts = new Int32Array(startsLength / 4);
    readInto(new Uint8Array(pathStarts.buffer), startsAt);
    const paths = TextLines.fromBytes(
      readInto(new Uint8Array(new SharedArrayBuffer(pathsLength)), pathsAt),
      pathStarts,
    );
    onPaths?.(paths);
    // The rest from the 8-byte boundary after those up to the growing sections, into a buffer
    // of its own: typed arrays view it at the offsets the sections lie at, less where it begins.
    const restAt = startsAt + align(startsLength);
    const [growingAt] = sections.get(GROWING[0]) ?? [];
    if (growingAt === undefined || growingAt < restAt) return null;
    const rest = readInto(new Uint8Array(growingAt - restAt), restAt);
    const growing = (name: (typeof GROWING)[number]) => {
      const [offset, length] = sections.get(name) ?? [];
      if (offset === undefined || length === undefined || length % 4) throw new Error(`no section ${name}`);
      const values = growableValues(length / 4, GROWTH_ROOM);
      readInto(new Uint8Array(values.buffer, 0, length), offset);
      return values;
    };
    const view = <T>(name: string, make: (buffer: ArrayBuffer, offset: number, length: number) => T, size: number) => {
      const [offset, length] = sections.get(name) ?? [];
      const outside =
        offset === undefined || length === undefined || offset < restAt || offset + length > restAt + rest.byteLength;
      if (outside || length % size) {
        throw new Error(`no section ${name}`);
      }
      return make(rest.buffer as ArrayBuffer, offset - restAt, length / size);
    };
    const f64 = (name: string) => view(name, (b, o, l) => new Float64Array(b, o, l), 8);
    const i32 = (name: string) => view(name, (b, o, l) => new Int32Array(b, o, l), 4);
    const u8 = (name: string) => view(name, (b, o, l) => new Uint8Array(b, o, l), 1);
    const text = (name: string) => {
      const bytes = u8(name);
      const values =
        bytes.length === 0
          ? []
          : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8').split('\n');
      // Saved again as read unless it grows (see lines()).
      encoded.set(values, { length: values.length, bytes });
      return values;
    };
    const list = (name: string): Lists => ({ start: i32(`${name}.start`), values: i32(`${name}.values`) });
    const growingList = (name: 'termsOf' | 'postings'): Lists => ({
      start: i32(`${name}.start`),
      values: growing(`${name}.values`),
    });
    const state: BuildState = {
      head,
      paths,
      sizes: f64('sizes'),
      mtimes: f64('mtimes'),
      fileRows: i32('fileRows'),
      slugs: TextLines.fromBytes(u8('slugs'), i32('slugs.starts')),
      slugHashes: view('slugHashes', (b, o, l) => new Uint32Array(b, o, l), 4),
      ranker: {
        time: f64('time'),
        provider: i32('provider'),
        topicsOf: list('topicsOf'),
        termsOf: growingList('termsOf'),
        postings: growingList('postings'),
        topicRows: list('topicRows'),
        providerRows: list('providerRows'),
      },
      rowFacets: i32('rowFacets'),
      terms: text('terms'),
      relatedCounts: view('relatedCounts', (b, o, l) => new Int8Array(b, o, l), 1),
      relatedPicks: i32('relatedPicks'),
      givenRows: list('givenRows'),
      headDigest: u8('headDigest'),
      rowDigests: u8('rowDigests'),
      cardLengths: i32('cardLengths'),
      otherSlugs: text('otherSlugs'),
      knownKeys: f64('knownKeys'),
      urlKeys: f64('urlKeys'),
      urlKeyRows: i32('urlKeyRows'),
    };
    const rows = state.slugs.length;
    const consistent =
      state.paths.length === state.sizes.length &&
      state.sizes.length === state.mtimes.length &&
      state.fileRows.length === head.articleFiles &&
      state.ranker.time.length === rows &&
      state.relatedCounts.length === rows &&
      state.slugHashes.length === rows * 2 &&
      state.rowFacets.length === rows * ROW_FACETS &&
      state.rowDigests.length === rows * ROW_DIGEST_BYTES &&
      state.cardLengths.length === rows &&
      state.urlKeys.length === state.urlKeyRows.length &&
      state.ranker.postings.start.length === state.terms.length + 1;
    return consistent ? state : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Forget the state: the output folder is about to change in ways it does not describe. */
export function dropBuildState(file: string): void {
  kept?.delete(file);
  rmSync(file, { force: true });
}

/** Two runs of numbers as one array (a state's stats: the article files', then the other inputs'). */
export function joinedNumbers(head: ArrayLike<number>, tail: ArrayLike<number>): Float64Array {
  const all = new Float64Array(head.length + tail.length);
  all.set(head);
  all.set(tail, head.length);
  return all;
}

function listSections(name: string, lists: Lists): Section[] {
  return [
    [`${name}.start`, bytesOf(lists.start)],
    [`${name}.values`, bytesOf(lists.values)],
  ];
}

function byteLength(bytes: Uint8Array | readonly Uint8Array[]): number {
  return bytes instanceof Uint8Array ? bytes.byteLength : bytes.reduce((sum, piece) => sum + piece.byteLength, 0);
}

function align(length: number): number {
  return Math.ceil(length / 8) * 8;
}

/** The URL keys an article adds to the state's knownKeys: its own, and those its related list links to. */
export function knownKeysOf(article: Pick<NormalizedArticle, 'originalKey' | 'webKey' | 'related'>): string[] {
  return [
    article.originalKey,
    ...(article.webKey ? [article.webKey] : []),
    ...(article.related ?? []).map((draft) => draft.key),
  ];
}
