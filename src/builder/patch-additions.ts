/**
 * A patched rebuild for new article files, the everyday change of a news feed: the new articles
 * join the last build's state (build-state.ts) as rows at their places in the newest-first
 * order, and only the files that show them are written again — page 1 of the lists they join
 * (whose counts change) and their older pages only where these change (see list-layout.ts), the
 * details whose related lists change, the facet index and the term shards of the words of the
 * rows that came, went or moved (the index counts rows from the oldest), the JSON Feeds that list
 * them and the manifest files. Cards of the articles already there are copied from
 * the last build's pages, never made again.
 *
 * New counts may reorder topics and providers; the facet index and the ranking input, which name
 * them by place, are then renumbered. It refuses (null: the caller builds in full) whenever an
 * addition would change anything else: a slug, original or web URL that another file has, or
 * that some related list links to; a new topic or news provider, or another name for one; a
 * related link it cannot resolve exactly as a full build would.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ArticleCard, Manifest, NewsProviderRef, TopicList } from '../feed/schema';
import { LIST_PAGE_SIZE } from '../feed/schema';
import { termShardKey } from '../feed/text';
import { firstPageSize, indexRowOf, pagePlace, pageSpan } from '../feed/list-layout';
import { feedPaths, type ListRef } from '../feed/urls';
import { knownKeysOf, type BuildState } from './build-state';
import {
  buildIdOf,
  DETAIL_HEAD,
  detailTail,
  headDigestOf,
  listPageHead,
  listVersion,
  olderPagesVersion,
  pageCount,
  ROW_DIGEST_BYTES,
  setRowDigest,
} from './emit-feed';
import { cardJson, compareText, detailFieldsJson, relatedItemJson } from './feed-model';
import { facetIndexText, facetsOf, ROW_FACETS } from './facet-index-text';
import { jsonFeedItem, JSON_FEED_ITEMS, type JsonFeed } from './json-feed';
import { fnv64, keyHash } from './key-hash';
import { startOf } from './manifest';
import { push } from './map-of-lists';
import { articleCard, type NormalizedArticle } from './normalize';
import { listLength, listOf, relaidRows, type Lists } from './lists';
import {
  MAX_COMPUTED_RELATED,
  MAX_TOPICS_LOOKED_AT,
  RelatedRanker,
  rowsToRerank,
  termCounts,
  type TermLists,
  type RankerInput,
} from './related-ranker';
import {
  mergedOrder,
  regrouped,
  relaidRowValues,
  remapped,
  renumberedGroups,
  termIds,
  type RowOrder,
} from './row-insertion';
import { termShardKeys } from './patch-files';
import { termShardText } from './term-shard-text';
import { articleBaseSlug, MAX_SLUG_LENGTH } from './slug';
import { resolveDrafts, type RelatedRef } from './related';
import { urlKey } from './url-key';

/** A new article file, read and parsed: `order` is its place among the article files now. */
export interface AddedFile {
  abs: string;
  display: string;
  order: number;
  size: number;
  mtimeMs: number;
  article: NormalizedArticle;
}

/** An article file gone since the last build: its index in the state, and its name in reports. */
export interface RemovedFile {
  index: number;
  display: string;
}

/** The files row changes (additions, removals, moves) change, the state after them, and what the report needs. */
export interface RowChanges {
  /** Feed-relative path → its new content, in parts. */
  files: Map<string, (string | Uint8Array)[]>;
  /** How many of `files` are new to the feed. */
  created: number;
  /** Feed files to remove: a removed article's detail, pages and term shards no longer made. */
  removed: string[];
  buildId: string;
  state: BuildState;
  /** The added files with `published: false`, as the report names them. */
  unpublished: string[];
  rowsAdded: number;
  rowsRemoved: number;
}

/** The URL keys of the articles coming in, and the rows leaving (a link to either is not resolved here). */
interface Moving {
  addedKeys: ReadonlySet<string>;
  leaving: ReadonlySet<number>;
}

interface NewRow {
  file: AddedFile;
  slug: string;
  card: ArticleCard;
  cardText: string;
  providerIndex: number;
  /** In the article's order. */
  topicIndexes: number[];
  termIds: Int32Array;
  /** Its source related list resolved (rows in the old numbering), or null: computed. */
  given: RelatedRef[] | null;
}

/**
 * Adding `added` (in path order, none of them known to the state) to the feed in `out` and
 * taking `options.removed` out of it (a moved file is in both), or null when a full build must
 * do it (see the module comment). The result's state is new, and `state` is not to be used after
 * it: its term lists are moved in place into the new one's (see rankerAfter).
 */
export function planRowChanges(
  state: BuildState,
  added: AddedFile[],
  out: string,
  options: {
    includeUnpublished: boolean;
    siteUrl: string | null;
    generatedAt: string;
    /** Article files gone since (a patch adds or removes, not both). */
    removed?: readonly RemovedFile[];
    /** Files the last build kept over a duplicate (as reports name them): removing one surfaces it. */
    duplicateWinners?: ReadonlySet<string>;
    /** The parsed article of an article file (by index in the state), from its bytes in the cache. */
    cachedArticle?: (file: number) => NormalizedArticle | null;
  },
): RowChanges | null {
  const removedFiles = options.removed ?? [];
  const feed = new OldFeed(out, state);
  const manifest = feed.json<Manifest>(feedPaths.manifest());
  const leaving = new Set(removedFiles.map((file) => state.fileRows[file.index]!));
  // Rows that come back as the same article (same file, same URLs): links to them still hold.
  const returning = new Map<number, AddedFile>();
  for (const file of removedFiles) {
    const back = added.find((each) => each.abs === state.paths.at(file.index));
    const old = options.cachedArticle?.(file.index);
    if (back && old && old.originalKey === back.article.originalKey && old.webKey === back.article.webKey)
      returning.set(state.fileRows[file.index]!, back);
  }
  for (const file of removedFiles) {
    const row = state.fileRows[file.index]!;
    if (row < 0 || options.duplicateWinners?.has(file.display)) return null;
    const article = options.cachedArticle ?? (() => null);
    if (!removable(state, row, file.index, { manifest, leaving, returning, article })) return null;
  }
  // A removed article's slug and URLs are free again (a moved file takes them back). Its URLs
  // are known from its last parse: without it, any known URL refuses.
  // Slugs are looked up in the state's bytes, not put in a set (~90k strings at 100k articles).
  const freedSlugs = new Set<string>();
  const addedSlugs = new Set<string>();
  const taken = (slug: string) =>
    addedSlugs.has(slug) || (!freedSlugs.has(slug) && (state.slugs.includes(slug) || state.otherSlugs.includes(slug)));
  const freed = new Set<string>();
  /** The known keys that leave with the removed articles; null when one's last parse is missing. */
  let leavingKeys: string[] | null = [];
  for (const file of removedFiles) {
    freedSlugs.add(state.slugs.at(state.fileRows[file.index]!));
    const old = options.cachedArticle?.(file.index);
    for (const key of [old?.originalKey, old?.webKey]) if (key) freed.add(key);
    if (old && leavingKeys) leavingKeys.push(...knownKeysOf(old));
    else leavingKeys = null;
  }
  const addedKeys = new Set<string>();
  for (const { article } of added) {
    const keys = [article.originalKey, ...(article.webKey ? [article.webKey] : [])];
    if (taken(article.baseSlug)) return null;
    addedSlugs.add(article.baseSlug);
    for (const key of keys) {
      if (addedKeys.has(key) || (!freed.has(key) && state.knownKeys.includes(keyHash(key)))) return null;
      addedKeys.add(key);
    }
  }
  const included = added.filter((file) => file.article.published || options.includeUnpublished);
  const rows: NewRow[] = [];
  for (const file of included) {
    const row = newRow(file, manifest, state, feed, { addedKeys, leaving });
    if (!row) return null;
    rows.push(row);
  }

  // Topics and providers with their new counts, in their new order (by count, then slug): the
  // facet index and the ranking name them by place, so both are renumbered where it changed.
  const topicOrder = regrouped(
    manifest.topics,
    rows.flatMap((row) => row.topicIndexes),
    [...leaving].flatMap((row) => [...listOf(state.ranker.topicsOf, row)]),
  );
  const providerOrder = regrouped(
    manifest.providers,
    rows.map((row) => row.providerIndex),
    [...leaving].map((row) => state.ranker.provider[row]!),
  );
  // A topic or provider left without articles would leave the feed (and its logo): a full build's work.
  if ([...topicOrder.groups, ...providerOrder.groups].some((group) => group.count === 0)) return null;
  const { groups: topics, place: topicPlace } = topicOrder;
  const { groups: providers, place: providerPlace } = providerOrder;
  for (const row of rows) {
    row.topicIndexes = row.topicIndexes.map((topic) => topicPlace[topic]!);
    row.providerIndex = providerPlace[row.providerIndex]!;
  }

  const order = mergedOrder(
    state.ranker.time,
    state.slugs,
    rows.map((row) => ({ ms: row.file.article.publishedMs, slug: row.slug })),
    leaving,
  );
  const renumbered = renumberedGroups(state.ranker, topicPlace, providerPlace);
  const terms = internedTerms(state.terms, rows);
  // The state's term lists are moved in place (rankerAfter): what is needed of them before is read first.
  const leavingTerms = [...leaving].map((row) => listOf(state.ranker.termsOf, row).slice());
  const departedRerank = rowsLeftToRerank(renumbered, order, rows, leavingTerms);
  const oldPostings = state.ranker.postings;
  const before = termCounts(state.slugs.length, (term) => listLength(oldPostings, term));
  const after = rankerAfter(renumbered, rows, order, terms);
  const reranked = rerank(state, after.ranker, before, order, topicPlace, {
    hasGiven: (i) => rows[i]!.given !== null,
    departedRerank,
  });
  const { newToOld, oldToNew } = order;
  // Where each old row is now, a returning row included (links to it follow it).
  const linkTarget = Int32Array.from(oldToNew);
  newToOld.forEach((old, row) => {
    if (old >= 0) return;
    for (const [from, file] of returning) if (rows[-1 - old]!.file === file) linkTarget[from] = row;
  });
  const rowAt = (newRowIndex: number) => rows[-1 - newToOld[newRowIndex]!]!;
  const count = newToOld.length;
  // Decoded only for the files written: most rows' slugs are not needed (~90k strings at 100k).
  const slugAt = (row: number) => (newToOld[row]! >= 0 ? state.slugs.at(newToOld[row]!) : rowAt(row).slug);
  // Cards stay bytes, copied from page to page; only a few are parsed (related cards, chips).
  const cardBytes = (row: number) =>
    newToOld[row]! >= 0 ? feed.card(newToOld[row]!) : Buffer.from(rowAt(row).cardText);
  const cardOf = (row: number) => JSON.parse(Buffer.from(cardBytes(row)).toString('utf8')) as ArticleCard;
  const relatedText = (row: number) => relatedItemJson(cardOf(row));
  const files = new Map<string, (string | Uint8Array)[]>();
  const removed = [...leaving].map((row) => feedPaths.article(state.slugs.at(row)));
  let created = 0;
  const write = (rel: string, content: string | (string | Uint8Array)[], isNew = false) => {
    files.set(rel, typeof content === 'string' ? [content] : content);
    if (isNew) created++;
  };

  // Lists: page 1 of the lists an article joins or leaves (its total changes), and their older
  // pages too when these change (an article joins or leaves below page 1, or page 1 splits).
  const slugHashes = relaidRowValues(state.slugHashes, 2, newToOld, (i) => fnv64(rows[i]!.slug));
  const allRows = rowsUpTo(count);
  const oldAllRows = rowsUpTo(state.slugs.length);
  // The facet index names the whole order (see FacetIndexSchema).
  const indexVersion = listVersion(slugHashes, allRows);
  const lists: [ListRef, Int32Array, Int32Array][] = [[{ kind: 'all' }, allRows, oldAllRows]];
  const joined = (lists: Lists, list: number) => listOf(lists, list).some((row) => newToOld[row]! < 0);
  const left = (list: number, ofRow: (row: number) => ArrayLike<number>) =>
    [...leaving].some((row) => Array.from(ofRow(row)).includes(list));
  topics.forEach((topic, i) => {
    if (joined(after.ranker.topicRows, i) || left(i, (row) => listOf(renumbered.topicsOf, row))) {
      const members = listOf(after.ranker.topicRows, i);
      lists.push([
        { kind: 'topic', slug: topic.slug },
        members,
        listOf(state.ranker.topicRows, topicOrder.oldPlace[i]!),
      ]);
    }
  });
  providers.forEach((provider, i) => {
    if (joined(after.ranker.providerRows, i) || left(i, (row) => [renumbered.provider[row]!])) {
      const members = listOf(after.ranker.providerRows, i);
      const before = listOf(state.ranker.providerRows, providerOrder.oldPlace[i]!);
      lists.push([{ kind: 'provider', slug: provider.slug }, members, before]);
    }
  });
  // As emitFeed: the first list is all articles, whose version the start file names too.
  const versions = lists.map(([, members]) => olderPagesVersion(slugHashes, members));
  for (const [i, [list, members, before]] of lists.entries()) {
    const pages = pageCount(members.length);
    const oldPages = pageCount(before.length);
    const version = versions[i]!;
    const lastPage = olderPagesKept(members, before, oldToNew) ? 1 : Math.max(1, pages);
    for (let page = 1; page <= lastPage; page++) {
      const parts: (string | Uint8Array)[] = [listPageHead(version, page, pages, members.length)];
      const { start, end } = pageSpan(page, members.length, LIST_PAGE_SIZE);
      for (let k = start; k < end; k++) {
        if (parts.length > 1) parts.push(',');
        parts.push(cardBytes(members[k]!));
      }
      parts.push(']}');
      write(feedPaths.listPage(list, page), parts, page > Math.max(1, oldPages));
    }
    for (let page = Math.max(1, pages) + 1; page <= oldPages; page++) removed.push(feedPaths.listPage(list, page));
  }

  // Details: the new articles', those whose computed list changed, and those whose source list
  // shows a returning article (its related card may have changed: its date, say).
  for (const row of reranked.changed) {
    const old = newToOld[row]!;
    if (old < 0) continue;
    const detail = feed.json<{ article: { related: unknown[] } }>(feedPaths.article(slugAt(row)));
    detail.article.related = picksOf(reranked, row).map((pick) => JSON.parse(relatedText(pick)) as unknown);
    write(feedPaths.article(slugAt(row)), JSON.stringify(detail));
  }
  for (const [from] of returning) {
    for (let old = 0; old < state.slugs.length; old++) {
      const row = oldToNew[old]!;
      if (row < 0 || !listOf(state.givenRows, old).includes(from)) continue;
      const detail = feed.json<{ article: { related: { slug: string | null }[] } }>(feedPaths.article(slugAt(row)));
      detail.article.related = detail.article.related.map((item) =>
        item.slug === state.slugs.at(from) ? (JSON.parse(relatedText(linkTarget[from]!)) as { slug: string }) : item,
      );
      write(feedPaths.article(slugAt(row)), JSON.stringify(detail));
    }
  }
  const refsOf = (row: NewRow, at: number): RelatedRef[] =>
    row.given?.map((ref) => (typeof ref === 'number' ? oldToNew[ref]! : ref)) ?? picksOf(reranked, at);
  // The new rows' digests are set below.
  const rowDigests = relaidRowValues(state.rowDigests, ROW_DIGEST_BYTES, newToOld, () => []);
  newToOld.forEach((old, row) => {
    if (old >= 0) return;
    const added = rowAt(row);
    const refs = refsOf(added, row);
    const { webUrl, video } = added.file.article;
    const related = refs.map((ref) => (typeof ref === 'number' ? relatedText(ref) : ref));
    const text =
      DETAIL_HEAD +
      added.cardText.slice(0, -1) +
      detailFieldsJson({ webUrl, video }) +
      related.join(',') +
      detailTail(added.given === null);
    write(feedPaths.article(added.slug), text, true);
    const given = added.given ? refs.map((ref) => (typeof ref === 'number' ? slugAt(ref) : ref)) : null;
    setRowDigest(rowDigests, row, Buffer.from(added.cardText), webUrl, video, given);
  });

  // The search index: its facets from the ranking's input and the rows' facets, as a full build writes them.
  const rowFacets = relaidRowValues(state.rowFacets, ROW_FACETS, newToOld, (i) => facetsOf(rows[i]!.file.article));
  const { time, provider, topicsOf } = after.ranker;
  write(feedPaths.facetIndex(), [facetIndexText(indexVersion, { time, provider, topicsOf, rowFacets })]);
  const oldCount = state.slugs.length;
  // Only the shards of the words of the rows that came, went or moved change: a new newest
  // article moves no other row. (Term ids are the last build's, then the new terms'.)
  const touched = new Set<string>();
  const touch = (termIds: ArrayLike<number>) => {
    for (let i = 0; i < termIds.length; i++) touched.add(termShardKey(after.terms[termIds[i]!]!));
  };
  newToOld.forEach((old, row) => {
    if (old < 0 || indexRowOf(row, count) !== indexRowOf(old, oldCount)) touch(listOf(after.ranker.termsOf, row));
  });
  for (const own of leavingTerms) touch(own);
  const shardTerms = new Map<string, number[]>();
  after.terms.forEach((term, id) => {
    const key = termShardKey(term);
    if (touched.has(key) && after.ranker.postings.start[id + 1]! > after.ranker.postings.start[id]!)
      push(shardTerms, key, id);
  });
  const existingShards = termShardKeys(out);
  for (const [key, ids] of shardTerms) {
    const text = termShardText(ids, after.terms, (id) => listOf(after.ranker.postings, id), count);
    write(feedPaths.termShard(key), [text], !existingShards.has(key));
  }
  for (const key of existingShards)
    if (touched.has(key) && !shardTerms.has(key)) removed.push(feedPaths.termShard(key));

  // JSON Feeds: the newest items of all articles and of each topic an article joined or left.
  const topicNames = new Map(manifest.topics.map((topic) => [topic.slug, topic.name]));
  const feedItems = (rel: string, members: Int32Array) => {
    const old = feed.json<JsonFeed>(rel);
    const items = Array.from(members.subarray(0, JSON_FEED_ITEMS), (row) =>
      jsonFeedItem(cardOf(row), { siteUrl: options.siteUrl, topicNames }),
    );
    const text = JSON.stringify({ ...old, items });
    if (text !== JSON.stringify(old)) write(rel, text);
  };
  feedItems(feedPaths.jsonFeed(), allRows);
  for (const [list, members] of lists)
    if (list.kind === 'topic') feedItems(feedPaths.topicJsonFeed(list.slug), members);

  // The manifest files, and the build id (its head hashes the summaries).
  const buildId = buildIdOf(headDigestOf(manifest.title, options.siteUrl, topics, providers), rowDigests);
  const counts = { articleCount: count, pages: pageCount(count) };
  write(
    feedPaths.manifest(),
    JSON.stringify({ ...manifest, buildId, generatedAt: options.generatedAt, ...counts, topics, providers }),
  );
  const topicIndex = new Map(topics.map((topic, i) => [topic.slug, i]));
  const firstPageTopics = Array.from(allRows.subarray(0, firstPageSize(count, LIST_PAGE_SIZE)), (row) =>
    cardOf(row).topics.map((slug) => topicIndex.get(slug)!),
  );
  write(
    feedPaths.start(),
    JSON.stringify(startOf({ buildId, allListVersion: versions[0]!, topics, articleCount: count, firstPageTopics })),
  );
  write(feedPaths.topics(), JSON.stringify({ ...feed.json<TopicList>(feedPaths.topics()), buildId, topics }));

  const stateAfter = nextState(state, added, rows, order, after, reranked, linkTarget, {
    rowDigests,
    rowFacets,
    slugHashes,
    indexVersion,
    headDigest: headDigestOf(manifest.title, options.siteUrl, topics, providers),
    removedFiles: new Set(removedFiles.map((file) => file.index)),
    leavingKeys,
  });
  const unpublished = added.filter((file) => !file.article.published).map((file) => file.display);
  // A moved article's detail is removed and made again: it is neither new nor gone.
  const remade = removed.filter((rel) => files.has(rel));
  return {
    files,
    created: created - remade.length,
    removed: removed.filter((rel) => !files.has(rel)),
    buildId,
    state: stateAfter,
    unpublished,
    rowsAdded: rows.length,
    rowsRemoved: leaving.size,
  };
}

/** Rows 0 to count - 1. */
function rowsUpTo(count: number): Int32Array {
  const rows = new Int32Array(count);
  for (let row = 0; row < count; row++) rows[row] = row;
  return rows;
}

/**
 * Whether a row can leave the feed with nothing else changing: no source related list links to
 * it; its slug is its file's own and no other file's slug depends on it (a namesake suffixed
 * after it, or one that skipped the suffix it owns);
 * and where it is the first row by path of its news provider or of one of its topics (whose
 * names and logos come from the first), the next one names them the same (`nextArticle`: the
 * parsed article of an article file, from its bytes in the cache).
 */
function removable(
  state: BuildState,
  row: number,
  fileIndex: number,
  {
    manifest,
    leaving,
    returning,
    article: nextArticle,
  }: {
    manifest: Manifest;
    /** Every row leaving: none of them names a group any more. */
    leaving: ReadonlySet<number>;
    /** Rows coming back as the same article: links to them stay. */
    returning: ReadonlyMap<number, AddedFile>;
    article: (file: number) => NormalizedArticle | null;
  },
): boolean {
  if (!returning.has(row) && state.givenRows.values.includes(row)) return false;
  // Slugs as uniqueSlugs gives them: a file's own (its name's) unless a file before it has that
  // one, then -2, -3, … (cut short when long), skipping those that other files own outright.
  const slug = state.slugs.at(row);
  if (slug !== articleBaseSlug(state.paths.at(fileIndex)) || slug.length > MAX_SLUG_LENGTH - 12) return false;
  // It owns a suffix outright (news-2.md): a file named as its stem has the stem, and one of
  // that file's namesakes may have skipped this suffix and would take it now. (The feed's slugs
  // are searched in their bytes, not decoded: ~90k at 100k articles.)
  const stem = /^(.+)-\d+$/.exec(slug)?.[1];
  if (stem !== undefined && (state.slugs.includes(stem) || state.otherSlugs.includes(stem))) return false;
  // Its own namesakes took suffixes after it, and would move down.
  const prefix = `${slug}-`;
  const namesakes = [
    ...state.slugs.startingWith(prefix),
    ...state.otherSlugs.filter((each) => each.startsWith(prefix)),
  ];
  if (namesakes.some((each) => /^\d+$/.test(each.slice(prefix.length)))) return false;
  const { provider, topicsOf } = state.ranker;
  const groups = [{ provider: provider[row]! }, ...Array.from(listOf(topicsOf, row), (topic) => ({ topic }))];
  const inGroup = (other: number, group: (typeof groups)[number]) =>
    other >= 0 &&
    !leaving.has(other) &&
    ('provider' in group ? provider[other] === group.provider : listOf(topicsOf, other).includes(group.topic));
  // A returning article keeps its place by path: only the groups it no longer is in pass on.
  const back = returning.get(row)?.article;
  const keeps = (group: (typeof groups)[number]) =>
    back !== undefined &&
    ('provider' in group
      ? back.provider.slug === manifest.providers[group.provider]!.slug
      : back.topics.some((topic) => topic.slug === manifest.topics[group.topic]!.slug));
  for (const group of groups) {
    if (keeps(group)) continue;
    const earlier = state.fileRows.subarray(0, fileIndex).some((other) => inGroup(other, group));
    if (earlier) continue;
    // The next row by path of the group names it now.
    let next = fileIndex + 1;
    while (next < state.head.articleFiles && !inGroup(state.fileRows[next]!, group)) next++;
    const article = next < state.head.articleFiles ? nextArticle(next) : null;
    if (!article) return false;
    if ('provider' in group) {
      if (!sameProvider(manifest.providers[group.provider]!, article.provider)) return false;
    } else {
      const { slug, name } = manifest.topics[group.topic]!;
      if (!article.topics.some((topic) => topic.slug === slug && topic.name === name)) return false;
    }
  }
  return true;
}

/** A new article as a row: its card, topics, provider, terms and source related list; null to refuse. */
function newRow(file: AddedFile, manifest: Manifest, state: BuildState, feed: OldFeed, moving: Moving): NewRow | null {
  const { article } = file;
  const providerIndex = manifest.providers.findIndex((provider) => provider.slug === article.provider.slug);
  const summary = manifest.providers[providerIndex];
  if (!summary || !sameProvider(summary, article.provider)) return null;
  const provider = refOf(summary);
  const topicIndexes: number[] = [];
  for (const topic of article.topics) {
    const index = manifest.topics.findIndex((known) => known.slug === topic.slug);
    if (index < 0 || manifest.topics[index]!.name !== topic.name) return null;
    topicIndexes.push(index);
  }
  const card = articleCard(article, article.baseSlug, provider);
  let given: RelatedRef[] | null = null;
  if (article.related) {
    const resolved = resolveAdded(article, state, feed, manifest, moving);
    if (!resolved) return null;
    given = resolved.length > 0 ? resolved : null;
  }
  return {
    file,
    slug: article.baseSlug,
    card,
    cardText: cardJson(card),
    providerIndex,
    topicIndexes,
    termIds: new Int32Array(0), // interned in rankerAfter
    given,
  };
}

/** A news provider's ref (as cards show it) from its summary in the manifest. */
function refOf({ slug, name, domain, logo }: NewsProviderRef): NewsProviderRef {
  return { slug, name, domain, logo };
}

/**
 * A news provider as the feed names it, and as this article would: the same unless the article
 * would become the provider's first by path, and even then only if it names it otherwise.
 */
function sameProvider(known: NewsProviderRef, draft: NormalizedArticle['provider']): boolean {
  if (known.name !== draft.name || known.domain !== draft.domain) return false;
  // A local logo is found by domain; otherwise the first article's logo URL is used.
  return known.logo === feedPaths.logo(`${draft.domain}-50x50.jpg`) || known.logo === draft.logoUrl;
}

/**
 * A new article's source related list as a full build resolves it (see resolveGiven in
 * related.ts), rows in the old numbering; null when it cannot be sure: a link to another new
 * article or to one leaving, a key whose hash matches but whose article has other URLs (an alias or a collision),
 * an external link to a provider the feed does not have (a full build would make its ref).
 */
function resolveAdded(
  article: NormalizedArticle,
  state: BuildState,
  feed: OldFeed,
  manifest: Manifest,
  { addedKeys, leaving }: Moving,
): RelatedRef[] | null {
  const own = new Set([article.originalKey, article.webKey]);
  return resolveDrafts(
    article.related ?? [],
    (draft) => {
      if (own.has(draft.key)) return 'self';
      if (addedKeys.has(draft.key)) return null;
      const at = state.urlKeys.indexOf(keyHash(draft.key));
      if (at < 0) return undefined;
      const target = state.urlKeyRows[at]!;
      if (leaving.has(target)) return null;
      const { originalUrl, webUrl } = feed.json<{ article: { originalUrl: string; webUrl: string | null } }>(
        feedPaths.article(state.slugs.at(target)),
      ).article;
      return urlKey(originalUrl) === draft.key || (webUrl !== null && urlKey(webUrl) === draft.key) ? target : null;
    },
    (draft) => {
      const summary = manifest.providers.find((provider) => provider.slug === draft.provider.slug);
      return summary ? refOf(summary) : null;
    },
  );
}

/** The vocabulary with the new rows' terms: each row's term ids (`termIds`), new terms after the old. */
function internedTerms(oldTerms: readonly string[], rows: NewRow[]): string[] {
  const terms = [...oldTerms];
  const idOf = termIds(terms);
  for (const row of rows) {
    const own = row.file.article.terms ? row.file.article.terms.split(' ').sort(compareText) : [];
    row.termIds = Int32Array.from(own, (term) => idOf(term) ?? terms.push(term) - 1);
  }
  return terms;
}

/**
 * Rows that left: which lists of the feed with them may differ without them? rowsToRerank's
 * question the other way round, answered in the old numbering (`old`: the state's input, topics
 * and providers at their new places) with the new feed as "before", of which it reads only the
 * counts. The rows, in the new numbering.
 */
function rowsLeftToRerank(
  old: RankerInput,
  { newToOld, oldToNew }: RowOrder,
  rows: readonly NewRow[],
  leavingTerms: readonly Int32Array[],
): number[] {
  if (newToOld.length - rows.length === oldToNew.length) return [];
  const departed = Array.from(oldToNew.keys()).filter((row) => oldToNew[row]! < 0);
  const change = new Map<number, number>();
  for (const own of leavingTerms) for (const term of own) change.set(term, (change.get(term) ?? 0) - 1);
  for (const row of rows) for (const term of row.termIds) change.set(term, (change.get(term) ?? 0) + 1);
  const dfAfter = (term: number) => listLength(old.postings, term) + (change.get(term) ?? 0);
  const affected = rowsToRerank(termCounts(newToOld.length, dfAfter), old, departed, departed);
  return Array.from(affected, (row) => oldToNew[row]!).filter((row) => row >= 0);
}

/**
 * The ranking's input after the addition, in the new numbering (`old`: the state's, topics and
 * providers at their new places; `terms`: see internedTerms). The term lists are moved where
 * they lie (see remapped): the state's must not be read afterwards.
 */
function rankerAfter(old: RankerInput, rows: NewRow[], { newToOld, oldToNew }: RowOrder, terms: string[]) {
  const rowOf = (newRow: number) => rows[-1 - newToOld[newRow]!]!;
  const perRow = (lists: Lists, ofNew: (row: NewRow) => ArrayLike<number>) =>
    relaidRows(lists, newToOld, (i) => ofNew(rows[i]!));
  const joins = (count: number, listsOf: (row: NewRow) => ArrayLike<number>) => {
    const added = new Map<number, number[]>();
    newToOld.forEach((from, row) => {
      if (from < 0) for (const list of Array.from(listsOf(rowOf(row)))) push(added, list, row);
    });
    return (lists: Lists) => remapped(lists, oldToNew, added, count);
  };
  const termsOf = perRow(old.termsOf, (row) => row.termIds);
  const postings = joins(terms.length, (row) => row.termIds)(old.postings);
  const ranker: RankerInput = {
    time: relaidRowValues(old.time, 1, newToOld, (i) => [rows[i]!.file.article.publishedMs]),
    provider: relaidRowValues(old.provider, 1, newToOld, (i) => [rows[i]!.providerIndex]),
    topicsOf: perRow(old.topicsOf, (row) => Int32Array.from(row.topicIndexes).sort()),
    termsOf,
    postings,
    topicRows: joins(old.topicRows.start.length - 1, (row) => row.topicIndexes)(old.topicRows),
    providerRows: joins(old.providerRows.start.length - 1, (row) => [row.providerIndex])(old.providerRows),
  };
  return { ranker, terms };
}

interface Reranked {
  counts: Int8Array;
  picks: Int32Array;
  /** Rows whose computed list is new or changed. */
  changed: number[];
}

/**
 * Every row's list in the new numbering (as BuildState keeps them), computed lists ranked again
 * where the addition may change them. `hasGiven(i)`: whether new article i has a source list.
 */
function rerank(
  state: BuildState,
  after: RankerInput,
  before: TermLists,
  order: RowOrder,
  topicPlace: Int32Array,
  { hasGiven, departedRerank }: { hasGiven: (i: number) => boolean; departedRerank: readonly number[] },
): Reranked {
  const { newToOld, oldToNew } = order;
  const n = newToOld.length;
  const counts = new Int8Array(n);
  const picks = new Int32Array(n * MAX_COMPUTED_RELATED);
  const arrived: number[] = [];
  const candidates = new Set<number>(departedRerank);
  newToOld.forEach((old, row) => {
    if (old < 0) {
      arrived.push(row);
      counts[row] = hasGiven(-1 - old) ? -1 : 0;
      return;
    }
    counts[row] = state.relatedCounts[old]!;
    for (let k = 0; k < Math.max(0, counts[row]!); k++) {
      const pick = oldToNew[state.relatedPicks[old * MAX_COMPUTED_RELATED + k]!]!;
      picks[row * MAX_COMPUTED_RELATED + k] = pick;
      if (pick < 0) candidates.add(row); // it showed a removed article
    }
  });
  // Arrived rows: rowsToRerank reads only the counts of the lists before them (`before`). Rows
  // that left: see rowsLeftToRerank.
  for (const row of rowsToRerank(before, after, arrived, arrived)) candidates.add(row);
  // A row looks at its first few topics by place: renumbered topics may make them others.
  const topicsMoved = topicPlace.some((to, from) => to !== from);
  newToOld.forEach((old, row) => {
    if (old < 0 || !topicsMoved) return;
    const own = listOf(state.ranker.topicsOf, old);
    if (own.length <= MAX_TOPICS_LOOKED_AT) return;
    const lookedAt = Int32Array.from(own.subarray(0, MAX_TOPICS_LOOKED_AT), (topic) => topicPlace[topic]!).sort();
    const now = listOf(after.topicsOf, row).subarray(0, MAX_TOPICS_LOOKED_AT);
    if (lookedAt.some((topic, k) => topic !== now[k])) candidates.add(row);
  });
  // When a common word's weight moved, that can be most rows (~2 s at 100k): still far less than
  // a full build, which would rank them all too.
  const ranker = new RelatedRanker(after);
  const changed: number[] = [];
  for (const row of candidates) {
    if (counts[row]! < 0) continue;
    const ranked = ranker.rank(row);
    const at = row * MAX_COMPUTED_RELATED;
    const same =
      newToOld[row]! >= 0 && ranked.length === counts[row] && ranked.every((pick, k) => picks[at + k] === pick);
    if (same) continue;
    counts[row] = ranked.length;
    picks.fill(0, at, at + MAX_COMPUTED_RELATED);
    picks.set(ranked, at);
    changed.push(row);
  }
  return { counts, picks, changed };
}

function picksOf(reranked: Reranked, row: number): number[] {
  const at = row * MAX_COMPUTED_RELATED;
  return Array.from(reranked.picks.subarray(at, at + reranked.counts[row]!));
}

/** The build state after the addition. */
function nextState(
  state: BuildState,
  added: AddedFile[],
  rows: NewRow[],
  { newToOld, oldToNew }: RowOrder,
  after: ReturnType<typeof rankerAfter>,
  reranked: Reranked,
  linkTarget: Int32Array,
  made: {
    rowDigests: Uint8Array;
    rowFacets: Int32Array;
    slugHashes: Uint32Array;
    indexVersion: string;
    headDigest: Uint8Array;
    removedFiles: ReadonlySet<number>;
    leavingKeys: readonly string[] | null;
  },
): BuildState {
  const articleFiles = state.head.articleFiles;
  const rowOfFile = new Map<AddedFile, number>();
  newToOld.forEach((old, row) => {
    if (old < 0) rowOfFile.set(rows[-1 - old]!.file, row);
  });
  // Article files in path order (the added ones at their `order`), then the other inputs: per
  // article file now, its index in the state, or -1 - the index of an added file.
  const fileCount = articleFiles + added.length - made.removedFiles.size;
  const fileFrom = new Int32Array(fileCount);
  for (let i = 0, at = 0, next = 0; i <= articleFiles; i++) {
    while (next < added.length && added[next]!.order === at) fileFrom[at++] = -1 - next++;
    if (i < articleFiles && !made.removedFiles.has(i)) fileFrom[at++] = i;
  }
  const otherFiles = state.paths.length - articleFiles;
  const sizes = new Float64Array(fileCount + otherFiles);
  const mtimes = new Float64Array(fileCount + otherFiles);
  const fileRows = new Int32Array(fileCount);
  fileFrom.forEach((from, i) => {
    if (from < 0) {
      const file = added[-1 - from]!;
      sizes[i] = file.size;
      mtimes[i] = file.mtimeMs;
      fileRows[i] = rowOfFile.get(file) ?? -1;
      return;
    }
    sizes[i] = state.sizes[from]!;
    mtimes[i] = state.mtimes[from]!;
    const row = state.fileRows[from]!;
    fileRows[i] = row >= 0 ? oldToNew[row]! : -1;
  });
  sizes.set(state.sizes.subarray(articleFiles), fileCount);
  mtimes.set(state.mtimes.subarray(articleFiles), fileCount);
  const otherSlugs = [
    ...state.otherSlugs,
    ...added.filter((file) => !rowOfFile.has(file)).map((file) => file.article.baseSlug),
  ];
  const knownKeys = nextKnownKeys(
    state.knownKeys,
    made.leavingKeys,
    added.flatMap(({ article }) => knownKeysOf(article)),
  );
  const arrivals: [number, number][] = [];
  for (const [file, row] of rowOfFile) {
    arrivals.push([keyHash(file.article.originalKey), row]);
    if (file.article.webKey) arrivals.push([keyHash(file.article.webKey), row]);
  }
  // The keys of rows that stay (a removed row's lead nowhere now), then the new rows'.
  const urlKeys = new Float64Array(state.urlKeys.length + arrivals.length);
  const urlKeyRows = new Int32Array(urlKeys.length);
  let staying = 0;
  for (let i = 0; i < state.urlKeys.length; i++) {
    const row = oldToNew[state.urlKeyRows[i]!]!;
    if (row < 0) continue;
    urlKeys[staying] = state.urlKeys[i]!;
    urlKeyRows[staying++] = row;
  }
  arrivals.forEach(([hash, row], i) => {
    urlKeys[staying + i] = hash;
    urlKeyRows[staying + i] = row;
  });
  const oldCards = state.cardLengths;
  // Given rows: each row's in the old numbering (new articles' resolve to old rows), then renumbered.
  const givenRows = relaidRows(state.givenRows, newToOld, (i) =>
    (rows[i]!.given ?? []).flatMap((ref) => (typeof ref === 'number' ? [ref] : [])),
  );
  givenRows.values = givenRows.values.map((ref) => linkTarget[ref]!);
  return {
    head: {
      ...state.head,
      indexVersion: made.indexVersion,
      articleFiles: articleFiles + added.length - made.removedFiles.size,
    },
    paths: state.paths.mapped(fileCount + otherFiles, (i) => {
      if (i >= fileCount) return articleFiles + i - fileCount;
      const from = fileFrom[i]!;
      return from >= 0 ? from : added[-1 - from]!.abs;
    }),
    sizes,
    mtimes,
    fileRows,
    slugs: state.slugs.mapped(newToOld.length, (row) => {
      const old = newToOld[row]!;
      return old >= 0 ? old : rows[-1 - old]!.slug;
    }),
    slugHashes: made.slugHashes,
    ranker: after.ranker,
    rowFacets: made.rowFacets,
    terms: after.terms,
    relatedCounts: reranked.counts,
    relatedPicks: reranked.picks,
    givenRows,
    headDigest: made.headDigest,
    rowDigests: made.rowDigests,
    cardLengths: relaidRowValues(oldCards, 1, newToOld, (i) => [Buffer.byteLength(rows[i]!.cardText)]),
    otherSlugs,
    knownKeys,
    urlKeys: urlKeys.subarray(0, staying + arrivals.length),
    urlKeyRows: urlKeyRows.subarray(0, staying + arrivals.length),
  };
}

/**
 * Whether a list's older pages (all but page 1, see list-layout.ts) hold the same articles after
 * the change (`members`, new rows) as before it (`before`, old rows): then only page 1 changed.
 */
function olderPagesKept(members: Int32Array, before: Int32Array, oldToNew: Int32Array): boolean {
  if (pageCount(members.length) !== pageCount(before.length)) return false;
  const from = firstPageSize(members.length, LIST_PAGE_SIZE);
  const oldFrom = firstPageSize(before.length, LIST_PAGE_SIZE);
  for (let k = 0; from + k < members.length; k++)
    if (oldToNew[before[oldFrom + k]!] !== members[from + k]) return false;
  return true;
}

/**
 * The last build's feed as the addition reads it: files parsed once, and any row's card copied
 * from its page of all articles (the state knows each card's length).
 */
class OldFeed {
  private readonly out: string;
  private readonly state: BuildState;
  private readonly parsed = new Map<string, unknown>();
  private readonly pages = new Map<number, { bytes: Buffer; offsets: Int32Array }>();

  constructor(out: string, state: BuildState) {
    this.out = out;
    this.state = state;
  }

  json<T>(rel: string): T {
    if (!this.parsed.has(rel)) {
      this.parsed.set(rel, JSON.parse(readFileSync(path.join(this.out, rel), 'utf8')));
    }
    return this.parsed.get(rel) as T;
  }

  /** The card of old row `row`, as its page of all articles has it (a view of the page's bytes). */
  card(row: number): Uint8Array {
    const { cardLengths } = this.state;
    const place = pagePlace(row, cardLengths.length, LIST_PAGE_SIZE);
    let page = this.pages.get(place.page);
    if (!page) {
      const bytes = readFileSync(path.join(this.out, feedPaths.listPage({ kind: 'all' }, place.page)));
      const { start, end } = pageSpan(place.page, cardLengths.length, LIST_PAGE_SIZE);
      const offsets = new Int32Array(end - start + 1);
      offsets[0] = bytes.indexOf('"items":[') + '"items":['.length;
      for (let k = 0; k < end - start; k++) offsets[k + 1] = offsets[k]! + cardLengths[start + k]! + 1;
      this.pages.set(place.page, (page = { bytes, offsets }));
    }
    const from = page.offsets[place.offset]!;
    return page.bytes.subarray(from, from + cardLengths[row]!);
  }
}

/**
 * The known keys after a patch: as many of each as a full build of the new files would count.
 * The removed articles' keys leave (one of each): an article removed and later added back is
 * then new again, not a taken URL. Without their keys (a last parse missing), they all stay,
 * which can only make a later patch refuse.
 */
function nextKnownKeys(
  known: Float64Array,
  leaving: readonly string[] | null,
  arriving: readonly string[],
): Float64Array {
  const gone = new Map<number, number>();
  for (const key of leaving ?? []) gone.set(keyHash(key), (gone.get(keyHash(key)) ?? 0) + 1);
  const next = new Float64Array(known.length + arriving.length);
  let kept = 0;
  for (const hash of known) {
    const count = gone.get(hash);
    if (count) gone.set(hash, count - 1);
    else next[kept++] = hash;
  }
  arriving.forEach((key, i) => (next[kept + i] = keyHash(key)));
  return next.subarray(0, kept + arriving.length);
}
