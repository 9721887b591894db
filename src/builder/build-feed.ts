/**
 * The feed builder's programmatic API: article files → the sharded static JSON feed.
 * The CLI (cli.ts) is a thin shell around `buildFeed`.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { feedPaths } from '../feed/urls';
import {
  buildStateFile,
  dropBuildState,
  joinedNumbers,
  knownKeysOf,
  saveBuildState,
  stateKey,
  type BuildState,
} from './build-state';
import { keyHashes } from './key-hash';
import { dedupe } from './dedupe';
import { emitFeed, type EmitInput } from './emit-feed';
import { rowFacetsOf } from './facet-index-text';
import { cardBytesOf, encodeCards, planModel } from './feed-model';
import type { NormalizedArticle, ProviderDraft } from './normalize';
import type { FileResult, FileTask } from './parse-file';
import { dropOutputRecord, loadOutputRecord, outputRecordFile, saveOutputRecord } from './output-record';
import { openSourceCache, type CacheSpec } from './source-cache';
import { patchBuild } from './patch-build';
import { scanContent, type ContentScan } from './read-articles';
import { RelatedArticles } from './related';
import { formatSummary, type BuildCounts, type BuildProblem, type BuildReport } from './report';
import { buildTermIndex, TermVocabulary } from './search-index';
import { uniqueSlugs } from './slug';
import { statFiles, type FileStats } from './stat-files';
import { loadTaxonomy, type LogoFiles, type Taxonomy, type TopicEntry } from './taxonomy';
import { TextLines } from './text-lines';
import { isHttpUrl } from './url-key';
import { defaultWorkerCount, parseInline, prepareWorkers, WorkerPool } from './worker-pool';
import { FeedWriter } from './write-feed';

export type { BuildProblem, BuildReport, DuplicateEntry } from './report';

/** Build phases, in order, as `onProgress` names them. */
export type BuildPhase = 'scan' | 'read' | 'link' | 'related' | 'write' | 'commit';

export interface BuildFeedOptions {
  /** Folders searched recursively for `*.md` articles and taxonomies. */
  contentDirs: string[];
  /** The feed folder; created if missing. Only the builder's own entries in it are replaced. */
  outDir: string;
  /** Keep `published: false` articles (they are always counted). */
  includeUnpublished?: boolean;
  /** The reader's public URL: JSON Feed items then link to its article pages. */
  siteUrl?: string;
  /** The feed's title (default "Newsstand"). */
  title?: string;
  /**
   * A folder for the cache (created if missing): the last build's state, a record of its files
   * and the bytes of its article files, with which a rebuild patches the last feed (see `patch`)
   * or writes only the files that changed. No cache when absent.
   */
  cacheDir?: string;
  /**
   * With a cache, when a few articles were edited, added, removed or moved since the last build,
   * patch its feed (see patch-build.ts) instead of building it again (default true); the files
   * are the same.
   */
  patch?: boolean;
  /**
   * Every file or folder changed since the last build, when a watcher knows them: a patch then
   * stats only those (see PatchOptions.changedPaths).
   */
  changedPaths?: readonly string[];
  /** Write nothing and report `ok: false` when any file was skipped. */
  strict?: boolean;
  onProgress?: (done: number, total: number, phase: BuildPhase) => void;
}

/** Options that cannot work (missing content folder, bad site URL, ...): the CLI's exit code 2. */
export class BuildUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildUsageError';
  }
}

export const DEFAULT_TITLE = 'Newsstand';

/**
 * Build the feed. Bad article files are reported in the result and skipped, never thrown;
 * the promise rejects only when the build as a whole cannot run (BuildUsageError) or its output
 * cannot be written, and then the previous output is left as it was.
 */
export async function buildFeed(options: BuildFeedOptions): Promise<BuildReport> {
  const startedAt = Date.now();
  const generatedAt = new Date(startedAt).toISOString();
  const { siteUrl, title } = await checkOptions(options);
  const includeUnpublished = options.includeUnpublished ?? false;
  const strict = options.strict ?? false;
  const state = options.cacheDir
    ? {
        file: buildStateFile(options.cacheDir, options.outDir),
        key: stateKey({ ...options, includeUnpublished, siteUrl, title, strict }),
      }
    : null;
  if (state && options.cacheDir && options.patch !== false) {
    // A few articles' text changed since the last build through this cache: patch its feed.
    const patched = await patchBuild({
      contentDirs: options.contentDirs,
      outDir: options.outDir,
      siteUrl,
      cacheDir: options.cacheDir,
      stateFile: state.file,
      stateKey: state.key,
      startedAt,
      generatedAt,
      changedPaths: options.changedPaths,
      onProgress: options.onProgress,
    });
    if (patched) return patched;
  }
  const progress = (phase: BuildPhase) => (done: number, total: number) => options.onProgress?.(done, total, phase);
  const timingsMs: Record<string, number> = {};
  let phaseStart = performance.now();
  const endPhase = (phase: BuildPhase) => {
    const now = performance.now();
    timingsMs[phase] = Math.round(now - phaseStart);
    phaseStart = now;
  };

  progress('scan')(0, 0);
  // The worker bundle is made while the folders are walked (~0.1 s at 100k files).
  prepareWorkers();
  const scan = await scanContent(options.contentDirs, [options.outDir]);
  const taxonomy = await loadTaxonomy(scan);
  const fileCount = scan.articles.length;
  endPhase('scan');

  const cache = options.cacheDir ? openSourceCache(options.cacheDir, options.contentDirs, taxonomy.taxonomy) : null;
  // Each article file is statted as it is read; the state keeps what it saw (see build-state.ts).
  const fileStats: FileStats | undefined = state
    ? { sizes: new Float64Array(fileCount).fill(-1), mtimes: new Float64Array(fileCount).fill(-1) }
    : undefined;
  const otherFiles = state ? otherInputs(scan, taxonomy.logos) : [];
  const otherStats = state ? await statFiles(otherFiles) : null;
  const workerCount = defaultWorkerCount(fileCount);
  let pool = workerCount > 0 ? await WorkerPool.start(workerCount, taxonomy.taxonomy) : null;
  try {
    const read = await readArticles(scan, taxonomy.taxonomy, {
      pool,
      cache,
      fileStats,
      onProgress: progress('read'),
      problems: taxonomy.problems,
    });
    const { skipped, warnings } = read;
    const parsedCount = read.count;
    endPhase('read');
    if (pool) {
      // Fresh workers for ranking and writing: the parse workers' heaps still hold the garbage
      // of every file they parsed, and new ones start in ~50 ms.
      await pool.close();
      pool = await WorkerPool.start(workerCount, taxonomy.taxonomy);
    }

    progress('link')(0, parsedCount);
    const linked = linkArticles(read.articles!, includeUnpublished, taxonomy.logos, fileCount, !!state);
    read.articles = null;
    const { plan, termIndex, duplicates, aliases, unpublished, fileRows, patchChecks } = linked;
    progress('link')(parsedCount, parsedCount);
    endPhase('link');

    progress('related')(0, plan.rows.length);
    const related = new RelatedArticles(plan, termIndex, aliases, !!state);
    const refused = strict && skipped.length > 0;
    // A second worker ranks the computed related lists while this thread encodes the cards and
    // writes the other files.
    const rank = refused ? null : pool?.startRanking(related.rankerInput);
    if (rank) related.rankElsewhere(rank);
    endPhase('related');

    const counts: BuildCounts = {
      files: fileCount,
      articles: plan.rows.length,
      skipped: skipped.length,
      duplicates: duplicates.length,
      unpublished: unpublished.length,
      warnings: warnings.length,
      topics: plan.topics.length,
      providers: plan.providers.length,
    };
    const report: BuildReport = {
      ok: !refused,
      written: !refused,
      buildId: null,
      generatedAt,
      summary: formatSummary(counts),
      includeUnpublished,
      counts,
      skipped,
      warnings,
      duplicates,
      unpublished,
      workers: pool?.size ?? 0,
      cache: cache ? { dir: cache.dir, reused: 0 } : null,
      output: null,
      timingsMs,
    };
    if (refused) return report;

    const model = encodeCards(plan, linked.inRowOrder!);
    // From here on only the model holds what the files need: the parsed articles go.
    linked.inRowOrder = null;
    collectGarbage();
    const rowFacets = rowFacetsOf(model.rows.map((row) => row.facts));
    const input: EmitInput = { model, rowFacets, related, termIndex, title, siteUrl, generatedAt };

    // With a cache, the record of the last build's files: only files whose bytes differ are written.
    const recordFile = options.cacheDir ? outputRecordFile(options.cacheDir, options.outDir) : null;
    const previous = recordFile ? loadOutputRecord(recordFile, options.outDir) : null;
    const writer = await FeedWriter.open(options.outDir, {
      sink: pool,
      previous: previous?.files,
      record: !!recordFile,
    });
    try {
      // This thread's idle time while it writes: when high, writing files (not making them) is the bottleneck.
      const loop = performance.eventLoopUtilization();
      const digest = await emitFeed(writer, input, progress('write'));
      report.buildId = digest.buildId;
      endPhase('write');
      timingsMs['write-wait'] = Math.round(performance.eventLoopUtilization(loop).idle);
      report.output = {
        incremental: writer.incremental,
        patched: false,
        staged: writer.stagedCount + 1,
        files: writer.fileCount + 1,
      };
      // Written last but one, so it has the timings of every phase but the swap.
      writer.write(feedPaths.buildReport(), JSON.stringify(report, null, 2) + '\n');
      // No record while files move: a build killed midway leaves a folder no record describes,
      // and the next build then writes every file.
      if (recordFile) dropOutputRecord(recordFile);
      if (state) dropBuildState(state.file);
      await writer.commit(progress('commit'));
      endPhase('commit');
      if (recordFile) saveOutputRecord(recordFile, digest.buildId, writer.hashes!);
      if (state && recordFile) {
        const lists = await related.allLists();
        saveBuildState(state.file, {
          head: {
            key: state.key,
            buildId: digest.buildId,
            indexVersion: digest.indexVersion,
            startedAt,
            taxonomy: taxonomy.taxonomy,
            articleFiles: fileCount,
            listings: Object.fromEntries(scan.dirs),
            outDir: path.resolve(options.outDir),
          },
          paths: TextLines.of([...scan.articles.map((file) => file.abs), ...otherFiles]),
          sizes: joinedNumbers(fileStats!.sizes, otherStats!.sizes),
          mtimes: joinedNumbers(fileStats!.mtimes, otherStats!.mtimes),
          fileRows,
          slugs: TextLines.of(model.rows.map((row) => row.slug)),
          slugHashes: digest.slugHashes,
          ranker: related.rankerInput,
          rowFacets,
          terms: termIndex.terms,
          relatedCounts: lists.counts,
          relatedPicks: lists.picks,
          givenRows: lists.givenRows,
          headDigest: digest.headDigest,
          rowDigests: digest.rowDigests,
          cardLengths: Int32Array.from(model.rows, (row) => cardBytesOf(model.cards, row.row).length),
          otherSlugs: patchChecks!.otherSlugs,
          knownKeys: patchChecks!.knownKeys,
          urlKeys: related.urlKeys!.hashes,
          urlKeyRows: related.urlKeys!.rows,
        });
      }
    } catch (error) {
      await writer.abort();
      // The folder is as the record describes it again: keep the record, and the next build incremental.
      if (recordFile && previous && writer.restored)
        saveOutputRecord(recordFile, previous.buildId, new Map(Object.entries(previous.files)));
      throw error;
    }
    return report;
  } finally {
    await pool?.close();
  }
}

/**
 * A full garbage collection, where Node runs with --expose-gc (as `npm run feed` starts it), else
 * nothing. Called once the parsed articles are dropped: left to V8, their ~150 MB (at 100k files)
 * stayed in the old generation until late in the write phase, which grew the heap around them,
 * and the process's peak memory came then. Collected here (~0.2 s), a 100k build without huge
 * pages (see feed.mjs) peaked at 751 MiB against 837 MiB; with them and the heap's pad, at 776–807
 * MiB against 877–891 MiB.
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Read, parse and normalize every article file (in workers; their bytes kept in the cache when given).
 * Search terms are interned as results arrive and each article's term text is then dropped: at
 * 100k articles those strings weigh ~50 MB. Temporaries end with this function.
 */
async function readArticles(
  scan: ContentScan,
  taxonomy: Taxonomy,
  options: {
    pool: WorkerPool | null;
    cache: CacheSpec | null;
    fileStats?: FileStats;
    onProgress: (done: number, total: number) => void;
    problems: BuildProblem[];
  },
) {
  const tasks: FileTask[] = scan.articles.map((file, order) => ({ ...file, order }));
  const vocabulary = new TermVocabulary();
  const { pool, cache, onProgress, fileStats } = options;
  const { results } = pool
    ? await pool.parse(tasks, { cache, fileStats, onProgress, vocabulary })
    : parseInline(tasks, taxonomy, { cache, fileStats, onProgress, vocabulary });
  const { skipped, warnings, parsed } = collectResults(results, options.problems);
  // Handed to the link step, then set to null by the caller: nothing may keep them after that.
  const articles = { parsed, vocabulary } as ParsedArticles | null;
  return { skipped, warnings, count: parsed.length, articles };
}

interface ParsedArticles {
  parsed: NormalizedArticle[];
  vocabulary: TermVocabulary;
}

/**
 * Slugs, duplicates, the published filter, the model's plan and the term index. Slugs are given
 * before dedupe and filtering, so flags never change an article's slug.
 */
function linkArticles(
  { parsed, vocabulary }: ParsedArticles,
  includeUnpublished: boolean,
  logos: LogoFiles,
  fileCount: number,
  forState: boolean,
) {
  const slugList = uniqueSlugs(parsed.map((article) => article.baseSlug));
  const slugs = new Map(parsed.map((article, i) => [article, slugList[i]!]));
  const { kept, duplicates, aliases } = dedupe(parsed);
  const unpublished = kept.filter((article) => !article.published).map((article) => article.file);
  const included = includeUnpublished ? kept : kept.filter((article) => article.published);
  const { plan, inRowOrder } = planModel(included, slugs, logos);
  const termIndex = buildTermIndex(inRowOrder, vocabulary);
  const rowOf = new Map(inRowOrder.map((article, row) => [article, row]));
  const fileRows = new Int32Array(fileCount).fill(-1);
  inRowOrder.forEach((article, row) => (fileRows[article.order] = row));
  // Duplicates' URL keys lead to their winner's row; winners left out (unpublished) lead nowhere.
  const aliasRows = new Map<string, number>();
  for (const [key, winner] of aliases) {
    const row = rowOf.get(winner);
    if (row !== undefined) aliasRows.set(key, row);
  }
  // The caller drops the articles once their cards are encoded.
  const rowArticles = inRowOrder as NormalizedArticle[] | null;
  const patchChecks = forState ? additionChecks(parsed, slugs, fileRows) : null;
  return {
    plan,
    inRowOrder: rowArticles,
    termIndex,
    duplicates,
    aliases: aliasRows,
    unpublished,
    fileRows,
    patchChecks,
  };
}

/** What the build state keeps for a patch to check added articles against (see BuildState). */
function additionChecks(
  parsed: readonly NormalizedArticle[],
  slugs: ReadonlyMap<NormalizedArticle, string>,
  fileRows: Int32Array,
): Pick<BuildState, 'otherSlugs' | 'knownKeys'> {
  const otherSlugs: string[] = [];
  const keys: string[] = [];
  for (const article of parsed) {
    if (fileRows[article.order]! < 0) otherSlugs.push(slugs.get(article)!);
    keys.push(...knownKeysOf(article));
  }
  return { otherSlugs, knownKeys: keyHashes(keys) };
}

/**
 * Split parse results (in path order) into articles, skipped files and warnings. Articles then
 * share one object per topic and news provider slug (equal drafts already are one object, and a
 * webUrl equal to the originalUrl one string: see ResultIntake in worker-pool.ts); the first
 * object by path is kept, the one the feed uses anyway (see planModel).
 */
function collectResults(results: FileResult[], taxonomyProblems: BuildProblem[]) {
  const skipped: BuildProblem[] = [...taxonomyProblems];
  const warnings: BuildProblem[] = [];
  const parsed: NormalizedArticle[] = [];
  const topics = new Map<string, TopicEntry>();
  const providers = new Map<string, ProviderDraft>();
  const shared = <T>(map: Map<string, T>, key: string, value: T): T => {
    const known = map.get(key);
    if (known) return known;
    map.set(key, value);
    return value;
  };
  for (const result of results) {
    if (!result.ok) {
      skipped.push(result.problem);
      continue;
    }
    const { article } = result;
    article.topics = article.topics.map((topic) => shared(topics, topic.slug, topic));
    article.provider = shared(providers, article.provider.slug, article.provider);
    parsed.push(article);
    warnings.push(...article.warnings);
  }
  return { parsed, skipped, warnings };
}

/** The inputs besides article files that a rebuild must find unchanged to patch the feed. */
function otherInputs(scan: ContentScan, logos: LogoFiles): string[] {
  return [
    ...scan.topicFiles.map((file) => file.abs),
    ...scan.organizationFiles.map((file) => file.abs),
    ...logos.values(),
    ...scan.dirs.keys(),
    ...scan.logoDirs,
  ];
}

async function checkOptions(options: BuildFeedOptions): Promise<{ siteUrl: string | null; title: string }> {
  if (options.contentDirs.length === 0) throw new BuildUsageError('no content folder given');
  if (!options.outDir) throw new BuildUsageError('no output folder given');
  const out = path.resolve(options.outDir);
  for (const dir of options.contentDirs) {
    const info = await stat(dir).catch(() => null);
    if (!info?.isDirectory()) throw new BuildUsageError(`content folder not found: ${dir}`);
    const content = path.resolve(dir);
    // The swap replaces entries of <out>: content inside it (or equal to it) could be lost.
    if (content === out || !path.relative(out, content).startsWith('..')) {
      throw new BuildUsageError(`the output folder ${options.outDir} must not contain the content folder ${dir}`);
    }
  }
  let siteUrl: string | null = null;
  if (options.siteUrl !== undefined) {
    if (!isHttpUrl(options.siteUrl)) throw new BuildUsageError(`--site-url is not an http(s) URL: ${options.siteUrl}`);
    siteUrl = options.siteUrl.replace(/\/+$/, '');
  }
  const title = options.title?.trim() || DEFAULT_TITLE;
  return { siteUrl, title };
}
