/**
 * A rebuild that patches the last build's feed instead of building it again, for the everyday
 * edit: a few articles' text changed (title, excerpt, image, heat, quality, type, video) and
 * nothing else. It reads the last build's state (build-state.ts) instead of every article,
 * stats the files in worker threads, parses only the changed ones, reranks only the related
 * lists that can differ (rowsToRerank) and rewrites only the files that show what changed,
 * starting from their current bytes. The result is byte for byte what a full build writes (a
 * property test holds it to that). Anything else — a file added, removed, moved or broken, a
 * date, topic, provider, URL or publication change, a source related list, a taxonomy or logo
 * change, a new term shard — is left to the full build: `patchBuild` then returns null having
 * changed nothing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  FEED_SCHEMA_VERSION,
  LIST_PAGE_SIZE,
  type ArticleCard,
  type FacetIndex,
  type FeedStart,
  type Manifest,
  type TermShard,
  type TopicList,
} from '../feed/schema';
import { termShardKey } from '../feed/text';
import { feedPaths, type ListRef } from '../feed/urls';
import { dropBuildState, loadBuildState, saveBuildState, type BuildState } from './build-state';
import { contentHash } from './cache-files';
import { buildIdOf, ROW_DIGEST_BYTES, rowDigest } from './emit-feed';
import { cardJson, compareText, relatedItemJson } from './feed-model';
import { jsonFeedItem, JSON_FEED_ITEMS, type JsonFeed } from './json-feed';
import { normalizeContext, type NormalizedArticle } from './normalize';
import { notePatchedFiles, outputRecordFile } from './output-record';
import { cachedFiles, openParseCache, updateCachedFiles, type CachedFile } from './parse-cache';
import { processBytes, readFileBytes, type FileResult, type FileTask } from './parse-file';
import { listingDigest, takenEntries } from './read-articles';
import {
  MAX_COMPUTED_RELATED,
  patchLists,
  RelatedRanker,
  rowsToRerank,
  type Lists,
  type RankerInput,
} from './related-ranker';
import type { BuildPhase } from './build-feed';
import type { BuildProblem, BuildReport } from './report';
import { deltaEncode } from './search-index';
import { FileStatter, INLINE_STAT_LIMIT, statFiles } from './stat-files';
import { FeedWriter } from './write-feed';

/** A state file this large is of a feed with more files than INLINE_STAT_LIMIT (~0.5 KB a file). */
const LARGE_STATE = 2 << 20;
/** More changed files than this, and a full build is about as fast. */
export const MAX_PATCHED_FILES = 64;
/** A file modified this close to the last build's start may have changed unseen (see parse-cache.ts). */
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
  onProgress?: (done: number, total: number, phase: BuildPhase) => void;
}

/** An article file whose text changed, as the feed's row `row` shows it. */
interface Edit {
  row: number;
  file: CachedFile;
  article: NormalizedArticle;
  card: ArticleCard;
  cardText: string;
  relatedItemText: string;
  /** Whether the article as others' related card changed. */
  relatedItemChanged: boolean;
  /** Its terms, sorted as a full build sorts them (alphabetically). */
  terms: string[];
}

/**
 * Patch the feed in `outDir` if the last build through this cache left a state for these
 * options and only article text changed since; the build's report, or null (nothing done).
 */
export async function patchBuild(options: PatchOptions): Promise<BuildReport | null> {
  const started = performance.now();
  // A large feed's state: stat workers boot while it is read.
  const statter =
    (statSync(options.stateFile, { throwIfNoEntry: false })?.size ?? 0) > LARGE_STATE ? new FileStatter() : null;
  try {
    return await patch(options, started, statter);
  } finally {
    statter?.close();
  }
}

async function patch(options: PatchOptions, started: number, statter: FileStatter | null): Promise<BuildReport | null> {
  options.onProgress?.(0, 0, 'scan');
  const state = loadBuildState(options.stateFile, options.stateKey);
  if (!state) return null;
  const out = path.resolve(options.outDir);
  const readJson = <T>(rel: string): T => JSON.parse(readFileSync(path.join(out, rel), 'utf8')) as T;
  const oldReport = tryRead(() => readJson<BuildReport>(feedPaths.buildReport()));
  if (oldReport?.buildId !== state.head.buildId || !oldReport.output) return null;

  const suspects = await changedArticleFiles(state, statter);
  if (!suspects) return null;
  const scanned = performance.now();
  const cache = openParseCache(options.cacheDir, options.contentDirs, state.head.taxonomy);
  const cached = cachedFiles(
    cache,
    suspects.map((i) => state.paths[i]!),
  );
  const context = normalizeContext(state.head.taxonomy);
  const fresh: CachedFile[] = [];
  const edits: Edit[] = [];
  const warnings = new Map<string, { order: number; warnings: BuildProblem[] }>();
  for (const i of suspects) {
    const abs = state.paths[i]!;
    const old = cached.get(abs);
    const { rel, display } = namesOf(abs, options.contentDirs);
    if (!old?.result || old.rel !== rel) return null;
    let bytes: Uint8Array;
    try {
      bytes = readFileBytes(abs);
    } catch {
      return null;
    }
    const task: FileTask = { abs, rel, display: '', order: i };
    const result = processBytes(bytes, task, context);
    // As parseShard keeps it; the stats are those the state now holds (taken before the read).
    fresh.push({ abs, rel, size: state.sizes[i]!, mtimeMs: state.mtimes[i]!, bytesHash: contentHash(bytes), result });
    const row = state.fileRows[i]!;
    if (JSON.stringify(result) === JSON.stringify(asTask(old.result, i))) continue;
    if (!result.ok || !old.result.ok || row < 0) return null;
    if (!sameStructure(old.result.article, result.article)) return null;
    const own = result.article.warnings.map((warning) => ({ ...warning, file: display }));
    warnings.set(display, { order: i, warnings: own });
    edits.push({ row, file: fresh[fresh.length - 1]!, article: result.article } as Edit);
  }

  // From here on the folder is ours: no other build may change it while it is read and patched.
  const writer = await FeedWriter.open(out, { previous: {} });
  try {
    // Another build may have finished between the first look and the lock.
    if (tryRead(() => readJson<BuildReport>(feedPaths.buildReport()))?.buildId !== state.head.buildId) {
      await writer.abort();
      return null;
    }
    const feed = new FeedFiles(out, state);
    for (const edit of edits) feed.describe(edit);
    const after = patchedTerms(state, edits, feed.termShardKeys());
    if (!after) {
      await writer.abort();
      return null;
    }
    const picksChanged = rerank(state, after, edits);
    const rowDigests = new Uint8Array(state.rowDigests);
    for (const edit of edits) {
      const detail = feed.detail(edit.row);
      // A source related list is part of the digest (see computeBuildId), a computed one not.
      const refs = detail.article.relatedComputed
        ? null
        : detail.article.related.map((item) => item.slug ?? JSON.stringify(item));
      rowDigests.set(
        rowDigest(Buffer.from(edit.cardText), detail.article.webUrl, edit.article.video, refs),
        edit.row * ROW_DIGEST_BYTES,
      );
    }
    const buildId = buildIdOf(state.headDigest, rowDigests);
    const files = feed.patchedFiles(edits, picksChanged, after, buildId);
    if (!files) {
      await writer.abort();
      return null;
    }
    const manifest = feed.read<Manifest>(feedPaths.manifest());
    files.set(feedPaths.manifest(), JSON.stringify({ ...manifest, buildId, generatedAt: options.generatedAt }));
    files.set(feedPaths.start(), JSON.stringify({ ...feed.read<FeedStart>(feedPaths.start()), buildId }));
    files.set(feedPaths.topics(), JSON.stringify({ ...feed.read<TopicList>(feedPaths.topics()), buildId }));
    feed.jsonFeeds(edits, manifest, options.siteUrl, files);
    // As a full build, write only what differs (with no edit: the manifest's build time).
    for (const [rel, text] of files) if (feed.original(rel) === text) files.delete(rel);

    const report = patchedReport(oldReport, {
      buildId,
      generatedAt: options.generatedAt,
      warnings: patchedWarnings(oldReport.warnings, warnings, (display) =>
        orderOfDisplay(state, options.contentDirs, display),
      ),
      reused: state.head.articleFiles - fresh.length,
      staged: files.size + 1,
    });
    for (const [rel, text] of files) writer.write(rel, text);
    options.onProgress?.(files.size, files.size, 'write');
    report.timingsMs = {
      scan: Math.round(scanned - started),
      patch: Math.round(performance.now() - scanned),
    };
    writer.write(feedPaths.buildReport(), JSON.stringify(report, null, 2) + '\n');
    const recordFile = outputRecordFile(options.cacheDir, out);
    notePatchedFiles(recordFile, state.head.buildId, buildId, [...files.keys(), feedPaths.buildReport()]);
    dropBuildState(options.stateFile);
    await writer.commit((done, total) => options.onProgress?.(done, total, 'commit'));
    updateCachedFiles(cache, fresh, options.startedAt);
    saveBuildState(options.stateFile, {
      ...state,
      head: { ...state.head, buildId, startedAt: options.startedAt },
      ranker: after,
      rowDigests,
    });
    return report;
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/**
 * Indexes of the article files whose size or time differ from the state's (their new stats
 * put in the state), or that were modified too close to the last build; null when any other
 * input changed (a folder only if the walk would take other entries from it), a file is gone,
 * or too many changed.
 */
async function changedArticleFiles(state: BuildState, statter: FileStatter | null): Promise<number[] | null> {
  const { sizes, mtimes } =
    statter && state.paths.length >= INLINE_STAT_LIMIT ? await statter.stat(state.paths) : await statFiles(state.paths);
  const since = state.head.startedAt - RACY_MS;
  const excluded = new Set([state.head.outDir]);
  const suspects: number[] = [];
  for (let i = 0; i < state.paths.length; i++) {
    if (sizes[i] === state.sizes[i] && mtimes[i] === state.mtimes[i] && mtimes[i]! < since) continue;
    if (sizes[i]! < 0) return null;
    if (i >= state.head.articleFiles) {
      const listing = state.head.listings[state.paths[i]!];
      const taken = listing ? await takenEntries(state.paths[i]!, excluded).catch(() => null) : null;
      if (!taken || listingDigest(taken) !== listing) return null;
      continue;
    }
    suspects.push(i);
    if (suspects.length > MAX_PATCHED_FILES) return null;
  }
  state.sizes = sizes;
  state.mtimes = mtimes;
  return suspects;
}

/** A file's path relative to its content folder and its name in reports, as scanContent gives them. */
function namesOf(abs: string, contentDirs: readonly string[]): { rel: string; display: string } {
  for (const dir of contentDirs) {
    const root = path.resolve(dir) + path.sep;
    if (!abs.startsWith(root)) continue;
    const rel = abs.slice(root.length);
    return { rel, display: (dir.endsWith(path.sep) ? dir : dir + path.sep) + rel };
  }
  throw new Error(`${abs} is in no content folder`);
}

let displayOrders: { state: BuildState; orders: Map<string, number> } | null = null;

/** The order (path-order index) of an article file named as reports name it. */
function orderOfDisplay(state: BuildState, contentDirs: readonly string[], display: string): number {
  if (displayOrders?.state !== state) {
    const orders = new Map<string, number>();
    for (let i = 0; i < state.head.articleFiles; i++) orders.set(namesOf(state.paths[i]!, contentDirs).display, i);
    displayOrders = { state, orders };
  }
  return displayOrders.orders.get(display) ?? Number.MAX_SAFE_INTEGER;
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
 * The ranking's input with the edited rows' terms: new terms get the next ids (a full build
 * numbers them alphabetically; only the order of each row's terms matters, and it is kept
 * alphabetical). A term no row holds any more keeps its id, with no postings. Null when a term
 * would need a term shard the feed does not have (`shardKeys`).
 */
function patchedTerms(state: BuildState, edits: Edit[], shardKeys: ReadonlySet<string>): RankerInput | null {
  const before = state.ranker;
  const ids = new Map(state.terms.map((term, id) => [term, id]));
  const ownTerms = new Map<number, Int32Array>();
  const joins = new Map<number, number[]>();
  const leaves = new Map<number, number[]>();
  for (const edit of edits) {
    const own = new Int32Array(edit.terms.length);
    for (const [k, term] of edit.terms.entries()) {
      let id = ids.get(term);
      if (id === undefined) {
        if (!shardKeys.has(termShardKey(term))) return null;
        ids.set(term, (id = state.terms.length));
        state.terms.push(term);
      }
      own[k] = id;
    }
    const old = listOf(before.termsOf, edit.row);
    for (const id of own) if (!old.includes(id)) push(joins, id, edit.row);
    for (const id of old) if (!own.includes(id)) push(leaves, id, edit.row);
    ownTerms.set(edit.row, own);
  }
  const postings = new Map<number, Int32Array>();
  for (const id of new Set([...joins.keys(), ...leaves.keys()])) {
    const left = leaves.get(id) ?? [];
    const rows = id < before.postings.start.length - 1 ? [...listOf(before.postings, id)] : [];
    rows.push(...(joins.get(id) ?? []));
    postings.set(id, Int32Array.from(rows.filter((row) => !left.includes(row))).sort());
  }
  return {
    ...before,
    termsOf: patchLists(before.termsOf, ownTerms, before.time.length),
    postings: patchLists(before.postings, postings, state.terms.length),
  };
}

/** Rerank the lists the edits may change; the rows whose computed list did change. */
function rerank(state: BuildState, after: RankerInput, edits: Edit[]): Set<number> {
  const changed = new Set<number>();
  const candidates = rowsToRerank(
    state.ranker,
    after,
    edits.map((edit) => edit.row),
  );
  if (candidates.length === 0) return changed;
  const ranker = new RelatedRanker(after);
  const counts = new Int8Array(state.relatedCounts);
  const picks = new Int32Array(state.relatedPicks);
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
  state.relatedCounts = counts;
  state.relatedPicks = picks;
  return changed;
}

interface Detail {
  schemaVersion: number;
  article: ArticleCard & {
    webUrl: string | null;
    video: unknown;
    related: RelatedItemJson[];
    relatedComputed: boolean;
  };
}
type RelatedItemJson = { slug: string | null } & Record<string, unknown>;
type ListPageJson = { items: ArticleCard[] } & Record<string, unknown>;

/** The feed's files as this patch reads and rewrites them, each read at most once. */
class FeedFiles {
  private readonly out: string;
  private readonly state: BuildState;
  private readonly details = new Map<number, Detail>();
  private readonly pages = new Map<string, ListPageJson>();
  private readonly edited = new Map<number, Edit>();

  constructor(out: string, state: BuildState) {
    this.out = out;
    this.state = state;
  }

  private readonly originals = new Map<string, string>();

  /** A file of the feed as it is, parsed; its text is kept for `original`. */
  read<T>(rel: string): T {
    return JSON.parse(this.text(rel)) as T;
  }

  private text(rel: string): string {
    const text = readFileSync(path.join(this.out, rel), 'utf8');
    this.originals.set(rel, text);
    return text;
  }

  /** The text a file had when this patch read it. */
  original(rel: string): string | undefined {
    return this.originals.get(rel);
  }

  detail(row: number): Detail {
    let detail = this.details.get(row);
    if (!detail) this.details.set(row, (detail = this.read<Detail>(feedPaths.article(this.state.slugs[row]!))));
    return detail;
  }

  private page(list: ListRef, page: number): ListPageJson {
    const rel = feedPaths.listPage(list, page);
    let json = this.pages.get(rel);
    if (!json) this.pages.set(rel, (json = this.read<ListPageJson>(rel)));
    return json;
  }

  /** Fill in an edit's card and terms, from its old card (in its detail) and its new article. */
  describe(edit: Edit): void {
    const { article } = edit;
    const old = this.detail(edit.row).article;
    const oldCard: ArticleCard = {
      slug: old.slug,
      title: old.title,
      excerpt: old.excerpt,
      publishedAt: old.publishedAt,
      type: old.type,
      originalUrl: old.originalUrl,
      provider: old.provider,
      topics: old.topics,
      image: old.image,
      heat: old.heat,
      quality: old.quality,
    };
    const card = { ...oldCard, title: article.title, excerpt: article.excerpt, type: article.type };
    Object.assign(card, { image: article.image, heat: article.heat, quality: article.quality });
    edit.card = card;
    edit.cardText = cardJson(card);
    edit.relatedItemText = relatedItemJson(card);
    edit.relatedItemChanged = edit.relatedItemText !== relatedItemJson(oldCard);
    edit.terms = article.terms ? article.terms.split(' ').sort(compareText) : [];
    this.edited.set(edit.row, edit);
  }

  /** A row as another's related card. */
  private relatedItem(row: number, from: Detail): RelatedItemJson {
    const edit = this.edited.get(row);
    if (edit) return JSON.parse(edit.relatedItemText) as RelatedItemJson;
    const slug = this.state.slugs[row]!;
    const known = from.article.related.find((item) => item.slug === slug);
    if (known) return known;
    const card = this.page({ kind: 'all' }, Math.floor(row / LIST_PAGE_SIZE) + 1).items[row % LIST_PAGE_SIZE]!;
    return JSON.parse(relatedItemJson(card)) as RelatedItemJson;
  }

  /**
   * Every file the edits change but the manifest files and JSON Feeds, as text by path; null
   * when one cannot be patched (then nothing is written).
   */
  patchedFiles(
    edits: Edit[],
    picksChanged: Set<number>,
    after: RankerInput,
    buildId: string,
  ): Map<string, string> | null {
    const { state } = this;
    const files = new Map<string, string>();
    // Details: the edited articles', those whose computed list changed, those that show an edited one.
    const rewrite = new Set<number>([...edits.map((edit) => edit.row), ...picksChanged]);
    const shown = new Set(edits.filter((edit) => edit.relatedItemChanged).map((edit) => edit.row));
    if (shown.size > 0) {
      for (let row = 0; row < state.slugs.length; row++) {
        const count = state.relatedCounts[row]!;
        const refs =
          count >= 0
            ? state.relatedPicks.subarray(row * MAX_COMPUTED_RELATED, row * MAX_COMPUTED_RELATED + count)
            : listOf(state.givenRows, row);
        if (refs.some((ref) => shown.has(ref))) rewrite.add(row);
      }
    }
    for (const row of rewrite) {
      const detail = this.detail(row);
      const edit = this.edited.get(row);
      const count = state.relatedCounts[row]!;
      const related =
        count >= 0
          ? Array.from(
              state.relatedPicks.subarray(row * MAX_COMPUTED_RELATED, row * MAX_COMPUTED_RELATED + count),
              (pick) => this.relatedItem(pick, detail),
            )
          : detail.article.related.map((item) => {
              const target = item.slug === null ? -1 : this.rowOfSlug(item.slug);
              return target >= 0 && this.edited.has(target) ? this.relatedItem(target, detail) : item;
            });
      const { webUrl, video, relatedComputed } = detail.article;
      const card = edit ? (JSON.parse(edit.cardText) as ArticleCard) : cardFields(detail.article);
      const article = { ...card, webUrl, video: edit ? edit.article.video : video, related, relatedComputed };
      files.set(feedPaths.article(state.slugs[row]!), JSON.stringify({ schemaVersion: detail.schemaVersion, article }));
    }

    // List pages: where each edited article is in all articles, its topics and its provider.
    const manifest = this.read<Manifest>(feedPaths.manifest());
    for (const edit of edits) {
      const places: [ListRef, number][] = [[{ kind: 'all' }, edit.row]];
      for (const topic of listOf(after.topicsOf, edit.row)) {
        places.push([{ kind: 'topic', slug: manifest.topics[topic]!.slug }, indexIn(after.topicRows, topic, edit.row)]);
      }
      const provider = after.provider[edit.row]!;
      places.push([
        { kind: 'provider', slug: manifest.providers[provider]!.slug },
        indexIn(after.providerRows, provider, edit.row),
      ]);
      for (const [list, index] of places) {
        const number = Math.floor(index / LIST_PAGE_SIZE) + 1;
        const page = this.page(list, number);
        page.items[index % LIST_PAGE_SIZE] = JSON.parse(edit.cardText) as ArticleCard;
        files.set(feedPaths.listPage(list, number), JSON.stringify(page));
      }
    }

    // The search index: every file names the build; the edited rows' facets and terms change.
    const facets = this.read<FacetIndex>(feedPaths.facetIndex());
    facets.buildId = buildId;
    for (const edit of edits) {
      facets.video[edit.row] = edit.article.type === 'video' ? 1 : 0;
      facets.heat[edit.row] = edit.article.heat ?? -1;
      facets.quality[edit.row] = edit.article.quality ?? -1;
    }
    files.set(feedPaths.facetIndex(), JSON.stringify(facets));
    const changedTerms = new Map<string, number[]>();
    for (let id = 0; id < state.terms.length; id++) {
      const wasThere = id < state.ranker.postings.start.length - 1;
      const before = wasThere ? listOf(state.ranker.postings, id) : new Int32Array(0);
      const now = listOf(after.postings, id);
      if (before.length === now.length && before.every((row, k) => row === now[k])) continue;
      const term = state.terms[id]!;
      push(changedTerms, termShardKey(term), id);
    }
    for (const key of this.termShardKeys()) {
      const rel = feedPaths.termShard(key);
      const text = this.text(rel);
      const ids = changedTerms.get(key);
      if (!ids) {
        const head = `{"schemaVersion":${FEED_SCHEMA_VERSION},"buildId":`;
        if (!text.startsWith(head)) return null;
        files.set(
          rel,
          head + JSON.stringify(buildId) + text.slice(head.length + JSON.stringify(state.head.buildId).length),
        );
        continue;
      }
      const shard = JSON.parse(text) as TermShard;
      for (const id of ids) {
        const rows = listOf(after.postings, id);
        if (rows.length === 0) delete shard.terms[state.terms[id]!];
        else shard.terms[state.terms[id]!] = deltaEncode([...rows]);
      }
      const terms = Object.create(null) as Record<string, number[]>;
      for (const term of Object.keys(shard.terms).sort(compareText)) terms[term] = shard.terms[term]!;
      if (Object.keys(terms).length === 0) return null;
      files.set(rel, JSON.stringify({ schemaVersion: shard.schemaVersion, buildId, terms }));
      changedTerms.delete(key);
    }
    return changedTerms.size === 0 ? files : null;
  }

  /** The keys of the feed's term shards. */
  termShardKeys(): Set<string> {
    return new Set(readdirSync(this.shardDir()).flatMap((name) => (name.endsWith('.json') ? [name.slice(0, -5)] : [])));
  }

  private shardDir(): string {
    return path.join(this.out, path.dirname(feedPaths.termShard('x')));
  }

  /** The JSON Feeds that list an edited article among their newest items. */
  jsonFeeds(edits: Edit[], manifest: Manifest, siteUrl: string | null, files: Map<string, string>): void {
    const topicNames = new Map(manifest.topics.map((topic) => [topic.slug, topic.name]));
    const feeds = new Map<string, JsonFeed>();
    for (const edit of edits) {
      const places: [string, number][] = [[feedPaths.jsonFeed(), edit.row]];
      for (const topic of listOf(this.state.ranker.topicsOf, edit.row)) {
        const slug = manifest.topics[topic]!.slug;
        places.push([feedPaths.topicJsonFeed(slug), indexIn(this.state.ranker.topicRows, topic, edit.row)]);
      }
      for (const [rel, index] of places) {
        if (index >= JSON_FEED_ITEMS) continue;
        let feed = feeds.get(rel);
        if (!feed) feeds.set(rel, (feed = this.read<JsonFeed>(rel)));
        feed.items[index] = jsonFeedItem(edit.card, { siteUrl, topicNames });
      }
    }
    for (const [rel, feed] of feeds) files.set(rel, JSON.stringify(feed));
  }

  private slugRows: Map<string, number> | null = null;

  private rowOfSlug(slug: string): number {
    this.slugRows ??= new Map(this.state.slugs.map((each, row) => [each, row]));
    return this.slugRows.get(slug) ?? -1;
  }
}

function patchedReport(
  old: BuildReport,
  change: {
    buildId: string;
    generatedAt: string;
    warnings: BuildProblem[];
    reused: number;
    staged: number;
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
    output: { incremental: true, patched: true, staged: change.staged, files: old.output!.files },
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

function cardFields(article: ArticleCard): ArticleCard {
  const { slug, title, excerpt, publishedAt, type, originalUrl, provider, topics, image, heat, quality } = article;
  return { slug, title, excerpt, publishedAt, type, originalUrl, provider, topics, image, heat, quality };
}

function listOf(lists: Lists, list: number): Int32Array {
  return lists.values.subarray(lists.start[list]!, lists.start[list + 1]!);
}

/** Where `row` is in an ascending list. */
function indexIn(lists: Lists, list: number, row: number): number {
  return listOf(lists, list).indexOf(row);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function tryRead<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}
