/**
 * A rebuild that patches the last build's feed instead of building it again, for the everyday
 * edit: a few articles' text changed (title, excerpt, image, heat, quality, type, video) and
 * nothing else. It reads the last build's state (build-state.ts) instead of every article,
 * stats the files in worker threads, parses only the changed ones, reranks only the related
 * lists that can differ (rowsToRerank) and rewrites only the files that show what changed,
 * starting from their current bytes (patch-files.ts). New, removed and moved article files
 * (a moved one changed more than its text: a date, topics, provider or URL) are patched in or
 * out too (patch-additions.ts), when no text edit comes with them. The result is byte for byte
 * what a full build writes (property tests hold it to that). Anything else — a broken file, a
 * taxonomy or logo change, what patch-additions.ts refuses — is left to the full build:
 * `patchBuild` then returns null, having changed nothing.
 */
import { fstatSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FeedStart, Manifest, TopicList } from '../feed/schema';
import { feedPaths } from '../feed/urls';
import type { BuildPhase } from './build-feed';
import { dropBuildState, loadBuildState, saveBuildState, type BuildState } from './build-state';
import { buildIdOf, setRowDigest } from './emit-feed';
import { normalizeContext, type NormalizeContext, type NormalizedArticle } from './normalize';
import { notePatchedFiles, outputRecordFile } from './output-record';
import { cachedResults, openSourceCache, updateCachedSources, type CachedSource, type CacheSpec } from './source-cache';
import { processBytes, readFileBytes, type FileResult } from './parse-file';
import { push } from './map-of-lists';
import { FeedFiles, type ChangedArticle, type Edit } from './patch-files';
import { displayPrefix, listingDigest, takenEntries, type TakenEntry } from './read-articles';
import { planRowChanges, type AddedFile } from './patch-additions';
import { listOf, patchLists } from './lists';
import {
  MAX_COMPUTED_RELATED,
  RelatedRanker,
  rowsToRerank,
  termListsOf,
  type RankerInput,
  type TermLists,
} from './related-ranker';
import { formatSummary, readLastBuild, type BuildProblem, type BuildReport, type LastBuild } from './report';
import { FileStatter, restatted, statFiles, type FileStats, type StatsInProgress } from './stat-files';
import { FeedWriter } from './write-feed';

/** A state file this large is of a feed with more files than stat-files.ts stats inline (~0.5 KB a file). */
const LARGE_STATE = 2 << 20;
/** More changed files than this, and a full build is about as fast. */
export const MAX_PATCHED_FILES = 64;
/**
 * A file modified this close to the last build's start may have changed unseen: a write in the
 * same clock tick as the build's read leaves the same time (as git's "racy" check knows).
 */
const RACY_MS = 2000;

export interface PatchOptions {
  contentDirs: string[];
  outDir: string;
  cacheDir: string;
  siteUrl: string | null;
  stateFile: string;
  stateKey: string;
  startedAt: number;
  generatedAt: string;
  /**
   * Every file or folder that changed since the last build, when a watcher knows them (see
   * watch-content.ts): only those and their folders are statted, not all of the state's files.
   */
  changedPaths?: readonly string[];
  onProgress?: (done: number, total: number, phase: BuildPhase) => void;
}

/**
 * Patch the feed in `outDir` if the last build through this cache left a state for these
 * options and only article text changed since; the build's report, or null (nothing done).
 */
export async function patchBuild(options: PatchOptions): Promise<BuildReport | null> {
  const started = performance.now();
  // A large feed's state: its files are statted in workers while the rest of it is read.
  const statter = !options.changedPaths && statInWorkers(options.stateFile) ? new FileStatter() : null;
  try {
    return await patch(options, started, statter);
  } finally {
    statter?.close();
  }
}

async function patch(options: PatchOptions, started: number, statter: FileStatter | null): Promise<BuildReport | null> {
  options.onProgress?.(0, 0, 'scan');
  // With workers, the files are statted from the state's paths while the rest of it is read,
  // and on this thread too once it is.
  const early: { stats?: StatsInProgress } = {};
  const state = loadBuildState(options.stateFile, options.stateKey, (paths) => {
    early.stats = statter?.start(paths);
  });
  if (!state) return null;
  const out = path.resolve(options.outDir);
  const last = readLastBuild(out);
  if (last?.report.buildId !== state.head.buildId || !last.report.output) return null;
  const oldReport = last.report;
  const { changedPaths } = options;
  const taking = changedPaths
    ? Promise.resolve().then(() => restatted(state.paths, state, changedPaths))
    : (early.stats?.finish() ?? statFiles(state.paths));
  const stats = await taking.catch(() => null);
  if (!stats) return null;
  const changes = await changedArticleFiles(state, stats, options.contentDirs);
  if (!changes) return null;
  const { suspects } = changes;
  const scanned = performance.now();
  const cache = openSourceCache(options.cacheDir, options.contentDirs, state.head.taxonomy);
  const context = normalizeContext(state.head.taxonomy);
  const read = readChanges(state, suspects, { cache, context }, options.contentDirs);
  if (!read) return null;
  if (changes.added.length > 0 || changes.removed.length > 0 || read.moved.length > 0) {
    // New, removed or moved (redated, retopiced, ...) files: each moved one leaves and comes back.
    // Text edits at the same time are left to a full build.
    if (read.changed.length > 0 || read.warnings.size > 0) return null;
    return patchRowChanges(
      options,
      state,
      last,
      {
        added: [...changes.added, ...read.moved.map((i) => state.paths.at(i))],
        removed: [...changes.removed, ...read.moved],
        listings: changes.listings,
        cache,
        context,
        reread: read.fresh.filter((entry) => !read.moved.some((i) => state.paths.at(i) === entry.abs)),
      },
      started,
      out,
    );
  }

  // From here on the folder is ours: no other build may change it while it is read and patched.
  const writer = await FeedWriter.open(out, { previous: {} });
  try {
    // Another build may have finished between the first look and the lock.
    const patched = last.isCurrent() ? patchedFiles(state, read.changed, out, options) : null;
    if (!patched) {
      await writer.abort();
      return null;
    }
    const { files, removed, buildId, ranker, rowDigests, cardLengths } = patched;
    const report = patchedReport(oldReport, {
      buildId,
      generatedAt: options.generatedAt,
      warnings: patchedWarnings(oldReport.warnings, read.warnings, displayOrders(state, options.contentDirs)),
      reused: state.head.articleFiles - read.fresh.length,
      staged: files.size + 1,
    });
    for (const [rel, text] of files) writer.write(rel, text);
    for (const rel of removed) writer.remove(rel);
    options.onProgress?.(files.size, files.size, 'write');
    report.timingsMs = { scan: Math.round(scanned - started), patch: Math.round(performance.now() - scanned) };
    writer.write(feedPaths.buildReport(), JSON.stringify(report, null, 2) + '\n');
    // As a full build does: the record and state go while files move, and come back after.
    notePatchedFiles(outputRecordFile(options.cacheDir, out), state.head.buildId, buildId, [
      ...files.keys(),
      ...removed,
      feedPaths.buildReport(),
    ]);
    dropBuildState(options.stateFile);
    await writer.commit((done, total) => options.onProgress?.(done, total, 'commit'));
    updateCachedSources(cache, read.fresh);
    saveBuildState(options.stateFile, {
      ...state,
      head: { ...state.head, buildId, startedAt: options.startedAt },
      ranker,
      rowDigests,
      cardLengths,
    });
    return report;
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** New, removed and moved article files: added to the feed or taken out (see patch-additions.ts), or null. */
async function patchRowChanges(
  options: PatchOptions,
  state: BuildState,
  last: LastBuild,
  changes: {
    added: string[];
    removed: number[];
    listings: Record<string, string>;
    cache: CacheSpec;
    context: NormalizeContext;
    reread: CachedSource[];
  },
  started: number,
  out: string,
): Promise<BuildReport | null> {
  const scanned = performance.now();
  const oldReport = last.report;
  const { cache, context } = changes;
  const added = readAdditions(state, changes.added, changes.removed, options.contentDirs, context);
  if (!added) return null;
  const removed = changes.removed.map((index) => ({
    index,
    display: namesOf(state.paths.at(index), options.contentDirs).display,
  }));
  // A removed file's last parse is asked for more than once: each asking reads its cache shard.
  const lastParses = new Map<number, NormalizedArticle | null>();
  const cachedArticle = (index: number) => {
    if (!lastParses.has(index)) {
      const result = cachedResults(cache, [state.paths.at(index)], context).get(state.paths.at(index))?.result;
      lastParses.set(index, result?.ok ? result.article : null);
    }
    return lastParses.get(index)!;
  };
  const writer = await FeedWriter.open(out, { previous: {} });
  try {
    const addition = last.isCurrent()
      ? planRowChanges(
          state,
          added.map((entry) => entry.file),
          out,
          {
            includeUnpublished: oldReport.includeUnpublished,
            siteUrl: options.siteUrl,
            generatedAt: options.generatedAt,
            removed,
            duplicateWinners: new Set(oldReport.duplicates.map((entry) => entry.duplicateOf)),
            cachedArticle,
          },
        )
      : null;
    if (!addition) {
      await writer.abort();
      return null;
    }
    const next = addition.state;
    next.head = { ...next.head, buildId: addition.buildId, startedAt: options.startedAt, listings: changes.listings };
    const orderOf = displayOrders(next, options.contentDirs);
    // A removed file's warnings go with it.
    const edited = new Map<string, { order: number; warnings: BuildProblem[] }>();
    // Removed first: a moved file is removed and added again, under one name.
    for (const file of removed) edited.set(file.display, { order: file.index, warnings: [] });
    for (const { file } of added) edited.set(file.display, { order: file.order, warnings: file.article.warnings });
    const warnings = patchedWarnings(oldReport.warnings, edited, orderOf);
    const gone = new Set(removed.map((file) => file.display));
    // In file order, as the report had them (with no new ones, no order need be worked out).
    const staying = oldReport.unpublished.filter((file) => !gone.has(file));
    const unpublished =
      addition.unpublished.length === 0
        ? staying
        : [...staying, ...addition.unpublished].sort((a, b) => orderOf(a) - orderOf(b));
    const counts = {
      ...oldReport.counts,
      files: oldReport.counts.files + added.length - removed.length,
      articles: oldReport.counts.articles + addition.rowsAdded - addition.rowsRemoved,
      unpublished: unpublished.length,
    };
    const report = patchedReport(
      { ...oldReport, counts, summary: formatSummary(counts), unpublished },
      {
        buildId: addition.buildId,
        generatedAt: options.generatedAt,
        warnings,
        reused: state.head.articleFiles,
        staged: addition.files.size + 1,
        files: oldReport.output!.files + addition.created - addition.removed.length,
      },
    );
    report.timingsMs = { scan: Math.round(scanned - started), patch: Math.round(performance.now() - scanned) };
    for (const [rel, parts] of addition.files) writer.writeParts(rel, parts);
    for (const rel of addition.removed) writer.remove(rel);
    writer.write(feedPaths.buildReport(), JSON.stringify(report, null, 2) + '\n');
    notePatchedFiles(outputRecordFile(options.cacheDir, out), state.head.buildId, addition.buildId, [
      ...addition.files.keys(),
      ...addition.removed,
      feedPaths.buildReport(),
    ]);
    dropBuildState(options.stateFile);
    await writer.commit((done, total) => options.onProgress?.(done, total, 'commit'));
    updateCachedSources(cache, [...changes.reread, ...added.map((entry) => entry.cached)]);
    saveBuildState(options.stateFile, next);
    return report;
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/**
 * New article files, stated, read and parsed, each with its place among the article files and
 * its cache entry; null when one cannot be read or parsed (a full build reports it).
 */
function readAdditions(
  state: BuildState,
  added: readonly string[],
  removed: readonly number[],
  contentDirs: readonly string[],
  context: NormalizeContext,
) {
  const keyOf = (abs: string) => {
    const dirIndex = contentDirs.findIndex((dir) => abs.startsWith(path.resolve(dir) + path.sep));
    return { rel: namesOf(abs, contentDirs).rel, dirIndex };
  };
  // As scanContent sorts them: by relative path, then by content folder.
  const byPath = (a: { rel: string; dirIndex: number }, b: { rel: string; dirIndex: number }) =>
    a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : a.dirIndex - b.dirIndex;
  const sorted = added.map((abs) => ({ abs, ...keyOf(abs) })).sort(byPath);
  const files: { file: AddedFile; cached: CachedSource }[] = [];
  for (const [k, entry] of sorted.entries()) {
    const low = firstArticleFileFrom(state, (abs) => byPath(keyOf(abs), entry) >= 0);
    // Its place among the files now: the removed ones before it are gone, the added ones there.
    const order = low - removed.filter((index) => index < low).length + k;
    const { rel, display } = namesOf(entry.abs, contentDirs);
    let bytes: Uint8Array;
    let stats = { size: -1, mtimeMs: -1 };
    try {
      // Stated through the open file before the read, as a full build does (see parseShard):
      // a write in between is seen next time.
      bytes = readFileBytes(entry.abs, (fd) => (stats = fstatSync(fd)).size);
    } catch {
      return null;
    }
    const result = processBytes(bytes, { abs: entry.abs, rel, display, order }, context);
    if (!result.ok) return null;
    files.push({
      file: { abs: entry.abs, display, order, size: stats.size, mtimeMs: stats.mtimeMs, article: result.article },
      // A copy: the bytes read are in a buffer reused by the next read.
      cached: { abs: entry.abs, rel, bytes: new Uint8Array(bytes) },
    });
  }
  return files;
}

/**
 * Parse the suspect files again, and their old bytes in the cache: their cache entries as they
 * are now (`fresh`), the articles whose text changed, those that moved (see below), and their
 * warnings by file name. Null when a file cannot be read, its old bytes are not in the cache,
 * or a change is more than text in a way a patch cannot take (a file that stops or starts parsing).
 */
function readChanges(
  state: BuildState,
  suspects: readonly number[],
  { cache, context }: { cache: CacheSpec; context: NormalizeContext },
  contentDirs: readonly string[],
) {
  const cached = cachedResults(
    cache,
    suspects.map((i) => state.paths.at(i)),
    context,
  );
  const fresh: CachedSource[] = [];
  const changed: ChangedArticle[] = [];
  const warnings = new Map<string, { order: number; warnings: BuildProblem[] }>();
  /** Files whose article changed more than its text: a patch may take it out and add it again. */
  const moved: number[] = [];
  for (const i of suspects) {
    const abs = state.paths.at(i);
    const old = cached.get(abs);
    const { rel, display } = namesOf(abs, contentDirs);
    if (!old || old.rel !== rel) return null;
    let bytes: Uint8Array;
    try {
      bytes = readFileBytes(abs);
    } catch {
      return null;
    }
    const result = processBytes(bytes, { abs, rel, display: '', order: i }, context);
    // A copy: the bytes read are in a buffer reused by the next read.
    fresh.push({ abs, rel, bytes: new Uint8Array(bytes) });
    if (JSON.stringify(result) === JSON.stringify(asTask(old.result, i))) continue;
    if (!result.ok || !old.result.ok) return null;
    if (!sameStructure(old.result.article, result.article)) {
      moved.push(i);
      continue;
    }
    const own = result.article.warnings.map((warning) => ({ ...warning, file: display }));
    warnings.set(display, { order: i, warnings: own });
    // An article the feed leaves out (unpublished, or a duplicate) shows only in the report.
    const row = state.fileRows[i]!;
    if (row >= 0) changed.push({ row, article: result.article });
  }
  return { fresh, changed, warnings, moved };
}

/**
 * The feed's files the changes rewrite, as text by path (the build report aside), those they
 * remove, and the new build id, ranking input and row digests.
 */
function patchedFiles(state: BuildState, changed: ChangedArticle[], out: string, options: PatchOptions) {
  const feed = new FeedFiles(out, state);
  const edits = changed.map((change) => feed.describe(change));
  const { ranker, changedTerms, before } = patchedTerms(state, edits);
  const picksChanged = rerank(state, ranker, before, edits);
  // In place, as the rerank: the state is this patch's.
  const { rowDigests, cardLengths } = state;
  for (const edit of edits) {
    cardLengths[edit.row] = Buffer.byteLength(edit.cardText);
    const detail = feed.detail(edit.row);
    // A source related list is part of the digest (see buildIdSteps), a computed one not.
    const refs = detail.article.relatedComputed
      ? null
      : detail.article.related.map((item) => item.slug ?? JSON.stringify(item));
    setRowDigest(rowDigests, edit.row, Buffer.from(edit.cardText), detail.article.webUrl, edit.article.video, refs);
  }
  const buildId = buildIdOf(state.headDigest, rowDigests);
  const { files, removed } = feed.patchedFiles(edits, picksChanged, ranker, changedTerms);
  const manifest = feed.read<Manifest>(feedPaths.manifest());
  files.set(feedPaths.manifest(), JSON.stringify({ ...manifest, buildId, generatedAt: options.generatedAt }));
  files.set(feedPaths.start(), JSON.stringify({ ...feed.read<FeedStart>(feedPaths.start()), buildId }));
  files.set(feedPaths.topics(), JSON.stringify({ ...feed.read<TopicList>(feedPaths.topics()), buildId }));
  feed.jsonFeeds(edits, manifest, options.siteUrl, files);
  // As a full build, write only what differs (with no edit: the manifest's build time).
  for (const [rel, text] of files) if (feed.original(rel) === text) files.delete(rel);
  return { files, removed, buildId, ranker, rowDigests, cardLengths };
}

/**
 * Whether to stat the files in worker threads: for a large feed's state, or as
 * `NEWSSTAND_STAT_WORKERS` says (1 or 0, e.g. for tests), as NEWSSTAND_BUILD_WORKERS does for parsing.
 */
function statInWorkers(stateFile: string): boolean {
  const forced = process.env.NEWSSTAND_STAT_WORKERS;
  if (forced === '1' || forced === '0') return forced === '1';
  return (statSync(stateFile, { throwIfNoEntry: false })?.size ?? 0) > LARGE_STATE;
}

/**
 * Indexes of the article files whose `stats` (of the state's paths, in order) differ from the
 * state's (the new stats then put in the state), or that were modified too close to the last
 * build; null when any other input changed (a folder only if the walk would take other entries
 * from it), a file is gone, or too many changed.
 */
async function changedArticleFiles(
  state: BuildState,
  stats: FileStats,
  contentDirs: readonly string[],
): Promise<{ suspects: number[]; added: string[]; removed: number[]; listings: Record<string, string> } | null> {
  const { sizes, mtimes } = stats;
  if (sizes.length !== state.sizes.length) return null;
  const since = state.head.startedAt - RACY_MS;
  const excluded = new Set([state.head.outDir]);
  const suspects: number[] = [];
  const added: string[] = [];
  const removed: number[] = [];
  const listings = { ...state.head.listings };
  for (let i = 0; i < sizes.length; i++) {
    if (sizes[i] === state.sizes[i] && mtimes[i] === state.mtimes[i] && mtimes[i]! < since) continue;
    if (sizes[i]! < 0 && i < state.head.articleFiles) {
      // Gone: its folder's listing (visited after every article file) must say so too.
      removed.push(i);
      if (removed.length > MAX_PATCHED_FILES) return null;
      continue;
    }
    if (sizes[i]! < 0) return null;
    if (i >= state.head.articleFiles) {
      const folder = state.paths.at(i);
      const listing = state.head.listings[folder];
      const taken = listing ? await takenEntries(folder, excluded).catch(() => null) : null;
      if (!taken) return null;
      if (listingDigest(taken) === listing) continue;
      // Article files added or removed, and nothing else changed in the folder: a patch may do that.
      const known = knownArticleFiles(state, folder, contentDirs);
      if (!known) return null;
      const isNew = (entry: TakenEntry) => entry.kind === 'article' && !known.has(folder + path.sep + entry.name);
      const gone = removed
        .map((index) => state.paths.at(index))
        .filter((abs) => path.dirname(abs) === folder)
        .map((abs): TakenEntry => ({ name: path.basename(abs), kind: 'article' }));
      if (listingDigest([...taken.filter((entry) => !isNew(entry)), ...gone]) !== listing) return null;
      for (const entry of taken) if (isNew(entry)) added.push(folder + path.sep + entry.name);
      listings[folder] = listingDigest(taken);
      if (added.length > MAX_PATCHED_FILES) return null;
      continue;
    }
    suspects.push(i);
    if (suspects.length > MAX_PATCHED_FILES) return null;
  }
  state.sizes = sizes;
  state.mtimes = mtimes;
  // The folders' own names must be those the content folders give (see namesOf).
  if (added.some((abs) => !contentDirs.some((dir) => abs.startsWith(path.resolve(dir) + path.sep)))) return null;
  return { suspects, added, removed, listings };
}

/**
 * The state's article files in `folder` (null when it is in no content folder): in path order
 * (by relative path, see readAdditions) those under it are one run, found by halves, so only
 * theirs are decoded (a folder's ~1,000 paths, not the feed's 100k).
 */
function knownArticleFiles(state: BuildState, folder: string, contentDirs: readonly string[]): Set<string> | null {
  // A folder outside the content folders has no place in that order: the caller builds in full.
  if (!contentRoots(contentDirs).some(({ root }) => (folder + path.sep).startsWith(root))) return null;
  const prefix = namesOf(folder + path.sep, contentDirs).rel;
  const relAt = (i: number) => namesOf(state.paths.at(i), contentDirs).rel;
  const first = firstArticleFileFrom(state, (abs) => namesOf(abs, contentDirs).rel >= prefix);
  const known = new Set<string>();
  for (let i = first; i < state.head.articleFiles && relAt(i).startsWith(prefix); i++) {
    const abs = state.paths.at(i);
    if (path.dirname(abs) === folder) known.add(abs);
  }
  return known;
}

/**
 * The index of the first of the state's article files (in path order) at or after a place,
 * `isFrom` telling the files there and after it from those before: found by halves, decoding
 * ~17 of 100k paths.
 */
function firstArticleFileFrom(state: BuildState, isFrom: (abs: string) => boolean): number {
  let low = 0;
  let high = state.head.articleFiles;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (isFrom(state.paths.at(mid))) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** A file's path relative to its content folder and its name in reports, as scanContent gives them. */
function namesOf(abs: string, contentDirs: readonly string[]): { rel: string; display: string } {
  for (const { root, prefix } of contentRoots(contentDirs)) {
    if (!abs.startsWith(root)) continue;
    const rel = abs.slice(root.length);
    return { rel, display: prefix + rel };
  }
  throw new Error(`${abs} is in no content folder`);
}

/** Content folders resolved once a list, not once a name: naming 100k files resolved each ~100k times. */
const resolvedRoots = new WeakMap<readonly string[], { root: string; prefix: string }[]>();
function contentRoots(contentDirs: readonly string[]): { root: string; prefix: string }[] {
  let roots = resolvedRoots.get(contentDirs);
  if (!roots) {
    roots = contentDirs.map((dir) => ({ root: path.resolve(dir) + path.sep, prefix: displayPrefix(dir) }));
    resolvedRoots.set(contentDirs, roots);
  }
  return roots;
}

/**
 * The order (path-order index) of an article file named as reports name it; the names are
 * worked out on the first call, as only a change of warnings needs them.
 */
function displayOrders(state: BuildState, contentDirs: readonly string[]): (display: string) => number {
  let orders: Map<string, number> | null = null;
  return (display) => {
    if (!orders) {
      orders = new Map();
      for (let i = 0; i < state.head.articleFiles; i++) orders.set(namesOf(state.paths.at(i), contentDirs).display, i);
    }
    return orders.get(display) ?? Number.MAX_SAFE_INTEGER;
  };
}

/** A cached result as processBytes would give it for task order `order` (cached ones keep another build's). */
function asTask(result: FileResult, order: number): FileResult {
  if (!result.ok) return { ...result, order };
  return { ok: true, article: { ...result.article, order } };
}

/**
 * Whether an edit leaves everything but the article's text, image, numbers and video as it was
 * (its source related list included: the links it resolves to stay the same).
 */
function sameStructure(before: NormalizedArticle, after: NormalizedArticle): boolean {
  const shape = (article: NormalizedArticle) =>
    JSON.stringify([
      article.baseSlug,
      article.published,
      article.publishedAt,
      article.publishedMs,
      article.originalUrl,
      article.originalKey,
      article.webUrl,
      article.webKey,
      article.provider,
      article.topics,
      article.related,
    ]);
  return shape(before) === shape(after);
}

/**
 * The ranking's input with the edited rows' terms, and the terms whose postings changed. New
 * terms get the next ids (a full build numbers them alphabetically; only the order of each
 * row's terms matters, and it is kept alphabetical). A term no row holds any more keeps its
 * id, with no postings.
 */
function patchedTerms(
  state: BuildState,
  edits: Edit[],
): { ranker: RankerInput; changedTerms: number[]; before: TermLists } {
  const before = state.ranker;
  const ids = new Map(state.terms.map((term, id) => [term, id]));
  const ownTerms = new Map<number, Int32Array>();
  const oldTerms = new Map<number, Int32Array>();
  const joins = new Map<number, number[]>();
  const leaves = new Map<number, number[]>();
  for (const edit of edits) {
    const own = Int32Array.from(edit.terms, (term) => {
      let id = ids.get(term);
      if (id === undefined) {
        ids.set(term, (id = state.terms.length));
        state.terms.push(term);
      }
      return id;
    });
    const old = listOf(before.termsOf, edit.row).slice();
    for (const id of own) if (!old.includes(id)) push(joins, id, edit.row);
    for (const id of old) if (!own.includes(id)) push(leaves, id, edit.row);
    ownTerms.set(edit.row, own);
    oldTerms.set(edit.row, old);
  }
  const postings = new Map<number, Int32Array>();
  const oldPostings = new Map<number, Int32Array>();
  for (const id of new Set([...joins.keys(), ...leaves.keys()])) {
    const left = leaves.get(id) ?? [];
    const old = id < before.postings.start.length - 1 ? listOf(before.postings, id).slice() : new Int32Array(0);
    postings.set(id, Int32Array.from([...old, ...(joins.get(id) ?? [])].filter((row) => !left.includes(row))).sort());
    oldPostings.set(id, old);
  }
  // The lists may be patched in place (see patchLists): what the rerank needs of them before
  // was copied above, and the state holds the new ones from here on.
  const ranker = {
    ...before,
    termsOf: patchLists(before.termsOf, ownTerms, before.time.length),
    postings: patchLists(before.postings, postings, state.terms.length),
  };
  state.ranker = ranker;
  const after = termListsOf(ranker);
  return {
    ranker,
    changedTerms: [...postings.keys()],
    before: {
      termsOf: (row) => oldTerms.get(row) ?? after.termsOf(row),
      postings: (term) => oldPostings.get(term) ?? after.postings(term),
      df: (term) => oldPostings.get(term)?.length ?? after.df(term),
      rows: after.rows,
    },
  };
}

/** Rerank the lists the edits may change (`before`: the term lists before them); the rows whose computed list did change. */
function rerank(state: BuildState, after: RankerInput, before: TermLists, edits: Edit[]): Set<number> {
  const changed = new Set<number>();
  const candidates = rowsToRerank(
    before,
    after,
    edits.map((edit) => edit.row),
  );
  if (candidates.length === 0) return changed;
  const ranker = new RelatedRanker(after);
  // In place: the state is this patch's, and saved again after it.
  const counts = state.relatedCounts;
  const picks = state.relatedPicks;
  for (const row of candidates) {
    if (counts[row]! < 0) continue;
    const ranked = ranker.rank(row);
    const at = row * MAX_COMPUTED_RELATED;
    const same = ranked.length === counts[row] && ranked.every((pick, k) => picks[at + k] === pick);
    if (same) continue;
    counts[row] = ranked.length;
    picks.fill(0, at, at + MAX_COMPUTED_RELATED);
    picks.set(ranked, at);
    changed.add(row);
  }
  return changed;
}

function patchedReport(
  old: BuildReport,
  change: {
    buildId: string;
    generatedAt: string;
    warnings: BuildProblem[];
    reused: number;
    staged: number;
    /** Files of the feed, when the patch added some. */
    files?: number;
  },
): BuildReport {
  return {
    ...old,
    buildId: change.buildId,
    generatedAt: change.generatedAt,
    counts: { ...old.counts, warnings: change.warnings.length },
    warnings: change.warnings,
    workers: 0,
    cache: old.cache ? { ...old.cache, reused: change.reused } : null,
    output: { incremental: true, patched: true, staged: change.staged, files: change.files ?? old.output!.files },
  };
}

/**
 * The report's warnings with the edited files' new ones. Warnings are in path order, each
 * file's together, as a full build reports them: an edited file's go where its old ones were,
 * or where its path puts them.
 */
function patchedWarnings(
  old: readonly BuildProblem[],
  edited: ReadonlyMap<string, { order: number; warnings: BuildProblem[] }>,
  orderOf: (display: string) => number,
): BuildProblem[] {
  const same = [...edited].every(
    ([file, { warnings }]) =>
      JSON.stringify(warnings) === JSON.stringify(old.filter((warning) => warning.file === file)),
  );
  if (same) return [...old];
  const keyed = old
    .filter((warning) => !edited.has(warning.file))
    .map((warning, i) => ({ order: orderOf(warning.file), i, warning }));
  for (const { order, warnings } of edited.values()) {
    warnings.forEach((warning, i) => keyed.push({ order, i, warning }));
  }
  keyed.sort((a, b) => a.order - b.order || a.i - b.i);
  return keyed.map((entry) => entry.warning);
}
