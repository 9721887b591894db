/**
 * Every file of the feed, from the model: article details, list shards, the search index,
 * JSON Feeds, logos, the build report and the manifest. Card JSON is serialized once per
 * article (in the model, into shared memory), and each file that lists it names its bytes
 * there (see CardPlaces), which the write worker copies.
 */
import { createHash, hash as oneShotHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { FEED_SCHEMA_VERSION, LIST_PAGE_SIZE, type NewsProviderSummary, type TopicSummary } from '../feed/schema';
import { firstPageSize, listPageCount, pageSpan } from '../feed/list-layout';
import { feedPaths, type ListRef } from '../feed/urls';
import { cardBytesOf, cardOf, type FeedModel, type FeedRow } from './feed-model';
import { buildJsonFeed, JSON_FEED_ITEMS, type JsonFeedOptions } from './json-feed';
import { writeManifestFiles } from './manifest';
import { RELATED_RANKING_VERSION, type RelatedArticles } from './related';
import { facetIndexText } from './facet-index-text';
import { buildTermShards, type TermIndex } from './search-index';
import { InputKey } from './input-key';
import { fnv64 } from './key-hash';
import type { FeedWriter, WriteLane } from './write-feed';

export interface EmitInput {
  model: FeedModel;
  /** Per row, what the facet index holds beyond the ranking's input (see facet-index-text.ts). */
  rowFacets: Int32Array;
  related: RelatedArticles;
  termIndex: TermIndex;
  title: string;
  siteUrl: string | null;
  generatedAt: string;
}

/** Files between progress reports, and between yields to the event loop (keeps the process responsive). */
const PROGRESS_EVERY = 100;
const YIELD_EVERY = 500;

/** Bytes of a row's digest: its card's SHA-1, then a 64-bit FNV-1a hash of its other detail fields. */
export const ROW_DIGEST_BYTES = 28;
const CARD_DIGEST_BYTES = 20;

/** The build id and what it is made of, so that a rebuild can patch it (see patch-build.ts). */
export interface BuildDigest {
  buildId: string;
  /** SHA-256 of the feed's title, site URL, format and topic and provider summaries. */
  headDigest: Buffer;
  /**
   * Per row, ROW_DIGEST_BYTES: its card's SHA-1 (which the output record keys reuse), then a
   * hash of its webUrl, video and given related links.
   */
  rowDigests: Uint8Array;
}

/** Rows hashed per step of buildIdSteps. */
const DIGEST_STEP_ROWS = 256;

/**
 * The build id: a hash over everything the output files are made of (every card, detail field,
 * related link and summary, plus title and site URL), so an identical feed gets the same id.
 * Hashed per row first: a rebuild that changes a few rows rehashes those and the digests.
 * In steps, so that emitFeed can hash while the writer is busy instead of waiting.
 */
function* buildIdSteps(input: EmitInput): Generator<void, BuildDigest, void> {
  const headDigest = headDigestOf(
    input.title,
    input.siteUrl,
    topicSummaries(input.model),
    providerSummaries(input.model),
  );
  const { rows } = input.model;
  const rowDigests = new Uint8Array(rows.length * ROW_DIGEST_BYTES);
  for (const [i, row] of rows.entries()) {
    if (i % DIGEST_STEP_ROWS === 0) yield;
    // A computed list follows from what is hashed here and the ranking version, so it is not
    // hashed itself: the build id is known before the lists are ranked.
    const given = input.related.given[i];
    const refs = given?.map((ref) => (typeof ref === 'number' ? rows[ref]!.slug : ref)) ?? null;
    setRowDigest(rowDigests, i, cardBytesOf(input.model.cards, i), row.facts.webUrl, row.facts.video, refs);
  }
  return { buildId: buildIdOf(headDigest, rowDigests), headDigest, rowDigests };
}

/** The build id's head: SHA-256 of the feed's title, site URL, format and summaries. */
export function headDigestOf(
  title: string,
  siteUrl: string | null,
  topics: readonly TopicSummary[],
  providers: readonly NewsProviderSummary[],
): Buffer {
  return oneShotHash(
    'sha256',
    JSON.stringify([FEED_SCHEMA_VERSION, LIST_PAGE_SIZE, RELATED_RANKING_VERSION, title, siteUrl]) +
      JSON.stringify([topics, providers]),
    'buffer',
  );
}

/** Write a row's part of the build id (see buildIdSteps) into its place in `rowDigests`. */
export function setRowDigest(
  rowDigests: Uint8Array,
  row: number,
  cardBytes: Uint8Array,
  webUrl: string | null,
  video: FeedRow['facts']['video'],
  refs: string[] | null,
): void {
  const at = row * ROW_DIGEST_BYTES;
  rowDigests.set(oneShotHash('sha1', cardBytes, 'buffer'), at);
  // A short text, hashed in JavaScript: a second SHA-1 per row would cost ~0.1 s at 100k.
  const [a, b] = fnv64(detailFieldsText(webUrl, video, refs));
  for (let k = 0; k < 4; k++) {
    // Big-endian, as DataView.setUint32 wrote them.
    rowDigests[at + CARD_DIGEST_BYTES + k] = a >>> (24 - 8 * k);
    rowDigests[at + CARD_DIGEST_BYTES + 4 + k] = b >>> (24 - 8 * k);
  }
}

/**
 * What a row's digest covers besides its card, as one text that tells them apart: webUrl and
 * video as JSON (each ends where its JSON does), `-` for a computed list, then each entry of a
 * source list (a slug, or an external card's JSON) after `:` and its length. Nothing is
 * escaped again: JSON of an array of the entries escaped every quote of the external cards'
 * JSON (~25 MB of text at 100k articles).
 */
function detailFieldsText(webUrl: string | null, video: FeedRow['facts']['video'], refs: string[] | null): string {
  let text = `${JSON.stringify(webUrl)}${JSON.stringify(video)}${refs ? '' : '-'}`;
  for (const ref of refs ?? []) text += `:${ref.length}:${ref}`;
  return text;
}

/** The build id, from the head's digest and every row's (see buildIdSteps). */
export function buildIdOf(headDigest: Uint8Array, rowDigests: Uint8Array): string {
  return createHash('sha256').update(headDigest).update(rowDigests).digest('hex').slice(0, 16);
}

export function topicSummaries(model: FeedModel): TopicSummary[] {
  return model.topics.map((group) => ({
    slug: group.slug,
    name: group.name,
    count: group.rows.length,
    pages: pageCount(group.rows.length),
  }));
}

export function providerSummaries(model: FeedModel): NewsProviderSummary[] {
  return model.providers.map((group) => ({
    ...group.ref,
    count: group.rows.length,
    pages: pageCount(group.rows.length),
  }));
}

export function pageCount(count: number): number {
  return listPageCount(count, LIST_PAGE_SIZE);
}

/**
 * Write the whole feed into the writer's staging folder, the manifest last; resolves, with the
 * build id, when every file is on disk.
 */
export async function emitFeed(
  writer: FeedWriter,
  input: EmitInput,
  onProgress?: (done: number, total: number) => void,
): Promise<BuildDigest & { indexVersion: string; slugHashes: Uint32Array }> {
  const { model } = input;
  const lists: [ListRef, number[]][] = [
    [{ kind: 'all' }, model.rows.map((row) => row.row)],
    ...model.topics.map((group): [ListRef, number[]] => [{ kind: 'topic', slug: group.slug }, group.rows]),
    ...model.providers.map((group): [ListRef, number[]] => [{ kind: 'provider', slug: group.ref.slug }, group.rows]),
  ];
  const slugHashes = slugHashesOf(model.rows.map((row) => row.slug));
  const versions = lists.map(([, members]) => olderPagesVersion(slugHashes, members));
  // The facet index carries the whole order's version (see FacetIndexSchema).
  const indexVersion = listVersion(slugHashes, lists[0]![1]);
  const listPages = lists.reduce((sum, [, members]) => sum + Math.max(1, pageCount(members.length)), 0);
  const total = model.rows.length + listPages + model.topics.length + model.logos.size + 2;
  let done = 0;
  const hashing = buildIdSteps(input);
  let digest: BuildDigest | null = null;
  const hashStep = () => {
    const step = hashing.next();
    if (step.done) digest = step.value;
  };
  const digestNow = (): BuildDigest => {
    while (!digest) hashStep();
    return digest;
  };
  // Input keys are made from the row digests: then they are needed first.
  if (writer.recording) digestNow();
  const out: Output = {
    writer,
    cardChunks: writer.share(model.cards.chunks),
    inputKey: new InputKey(),
    rowDigests: () => digestNow().rowDigests,
    cardDigest: (key, row) => key.digest(digestNow().rowDigests, row * ROW_DIGEST_BYTES, CARD_DIGEST_BYTES),
    wrote(lane) {
      done++;
      // The writer is the slower side of a large build: hash the build id rather than wait for it.
      while (!digest && writer.isFull(lane)) hashStep();
      if (done % PROGRESS_EVERY === 0) onProgress?.(done, total);
      // Most files need no wait: no promise for them (100k a build).
      if (!writer.isFull(lane) && !writer.failed && done % YIELD_EVERY !== 0) return null;
      return settle(lane, done % YIELD_EVERY === 0);
    },
  };
  const settle = async (lane: WriteLane, yieldNow: boolean) => {
    await writer.ready(lane);
    if (yieldNow) await yieldToEventLoop();
  };

  // The details go to one worker (lane 0), every other file to the other (lane 1), which first
  // ranks the computed related lists the details need. The two are made side by side: while
  // one lane's worker is full, this thread makes the other's files, so both create files at
  // once, mostly in different folders, and neither waits for this thread to finish the other's.
  // Details overflow into lane 1 when it has room and lane 0 has none (see FeedWriter).
  const others = async () => {
    for (const [i, [list, members]] of lists.entries()) await writeList(out, model, list, members, versions[i]!);
    const { time, provider, topicsOf } = input.related.rankerInput;
    writer.write(
      feedPaths.facetIndex(),
      facetIndexText(indexVersion, { time, provider, topicsOf, rowFacets: input.rowFacets }),
    );
    await out.wrote(1);
    for (const [key, shard] of buildTermShards(input.termIndex)) {
      writer.write(feedPaths.termShard(key), JSON.stringify(shard));
      await writer.ready(1);
    }
    await writeJsonFeeds(out, input);
    for (const [fileName, source] of model.logos) {
      writer.copy(source, feedPaths.logo(fileName));
      await out.wrote(1);
    }
  };
  await Promise.all([writeDetails(out, model, input.related), others()]);

  const { buildId } = digestNow();
  writeManifestFiles(writer, {
    model,
    buildId,
    allListVersion: versions[0]!,
    generatedAt: input.generatedAt,
    title: input.title,
    topics: topicSummaries(model),
    providers: providerSummaries(model),
  });
  await writer.flush();
  onProgress?.(total, total);
  return { ...digestNow(), indexVersion, slugHashes };
}

interface Output {
  writer: FeedWriter;
  /** The writer's id of the model's first card chunk (see FeedWriter.share). */
  cardChunks: number;
  /**
   * Files made of cards are recorded (see FeedWriter.writeParts) by a hash of their inputs, far
   * smaller than the files (hashing their bytes costs ~1 s at 100k): made in this key, from the
   * rows' digests.
   */
  inputKey: InputKey;
  rowDigests(): Uint8Array;
  /** Add a row's card digest to the key. */
  cardDigest(key: InputKey, row: number): void;
  /**
   * Call after each file: progress, back-pressure, and now and then a turn of the event loop;
   * null when there is nothing to wait for.
   */
  wrote(lane: WriteLane): Promise<void> | null;
}

// Pieces that many files have, encoded once.
const COMMA = Buffer.from(',');
const LIST_TAIL = Buffer.from(']}');

/**
 * Each row's slug as 64 bits (fnv64), so that a list's version hashes 8 bytes per article
 * rather than a string of all its slugs (450k slugs at 100k articles).
 */
export function slugHashesOf(slugs: readonly string[]): Uint32Array {
  const hashes = new Uint32Array(slugs.length * 2);
  slugs.forEach((slug, row) => {
    [hashes[row * 2], hashes[row * 2 + 1]] = fnv64(slug);
  });
  return hashes;
}

/**
 * A hash of a list's articles' slugs in order. Unlike a build id it stays the same while no
 * article joins, leaves or moves in the list, so a rebuild rewrites only the files whose
 * content changed, and a reader can still tell files of two orders apart.
 */
export function listVersion(slugHashes: Uint32Array, members: ArrayLike<number>, from = 0): string {
  const sequence = new Uint32Array((members.length - from) * 2);
  for (let k = from; k < members.length; k++) {
    const row = members[k]!;
    sequence[(k - from) * 2] = slugHashes[row * 2]!;
    sequence[(k - from) * 2 + 1] = slugHashes[row * 2 + 1]!;
  }
  return oneShotHash('sha1', sequence, 'hex').slice(0, 16);
}

/**
 * A list's `listVersion`: the version of its older pages' articles (all but page 1's), which
 * an article joining page 1 leaves as it is (see list-layout.ts).
 */
export function olderPagesVersion(slugHashes: Uint32Array, members: ArrayLike<number>): string {
  return listVersion(slugHashes, members, firstPageSize(members.length, LIST_PAGE_SIZE));
}

/** A list page's JSON up to its first card; the page ends with `]}`. Page 1 alone gives the total. */
export function listPageHead(version: string, page: number, pages: number, total: number): string {
  return (
    `{"schemaVersion":${FEED_SCHEMA_VERSION},"listVersion":${JSON.stringify(version)},` +
    `"page":${page},"pages":${pages},${page === 1 ? `"total":${total},` : ''}"items":[`
  );
}

/** The pages of one list; an empty list still gets page 1, so a reader's first request never 404s. */
async function writeList(
  out: Output,
  model: FeedModel,
  list: ListRef,
  members: number[],
  version: string,
): Promise<void> {
  const { writer } = out;
  const pages = pageCount(members.length);
  for (let page = 1; page <= Math.max(1, pages); page++) {
    const head = listPageHead(version, page, pages, members.length);
    const { start, end } = pageSpan(page, members.length, LIST_PAGE_SIZE);
    let inputKey: string | undefined;
    if (writer.recording) {
      const key = out.inputKey.start().text(head);
      for (let k = start; k < end; k++) out.cardDigest(key, members[k]!);
      inputKey = key.hash();
    }
    if (writer.begin(feedPaths.listPage(list, page), inputKey)) {
      writer.addText(head);
      const { cards } = model;
      for (let k = start; k < end; k++) {
        const row = members[k]!;
        // After the first, each card with the comma before it (see CardPlaces).
        const from = k > start ? cards.start[row]! : cards.start[row]! + 1;
        writer.addShared(out.cardChunks + cards.chunk[row]!, from, cards.cardEnd[row]!);
      }
      writer.add(LIST_TAIL);
      writer.end();
    }
    const wait = out.wrote(1);
    if (wait) await wait;
  }
}

async function writeJsonFeeds(out: Output, input: EmitInput): Promise<void> {
  const { model, title, siteUrl } = input;
  const topicNames = new Map(model.topics.map((group) => [group.slug, group.name]));
  const feed = (rows: FeedRow[], options: Pick<JsonFeedOptions, 'title' | 'description' | 'homePath' | 'feedPath'>) =>
    JSON.stringify(
      buildJsonFeed(
        rows.slice(0, JSON_FEED_ITEMS).map((row) => cardOf(model.cards, row.row)),
        { ...options, siteUrl, topicNames },
      ),
    );

  out.writer.write(
    feedPaths.jsonFeed(),
    feed(model.rows, {
      title,
      description: `The newest articles of ${title}`,
      homePath: '/',
      feedPath: feedPaths.jsonFeed(),
    }),
  );
  await out.wrote(1);
  for (const group of model.topics) {
    out.writer.write(
      feedPaths.topicJsonFeed(group.slug),
      feed(
        // A feed lists only its newest JSON_FEED_ITEMS.
        group.rows.slice(0, JSON_FEED_ITEMS).map((row) => model.rows[row]!),
        {
          title: `${title}: ${group.name}`,
          description: `The newest articles about ${group.name}`,
          homePath: `/topics/${group.slug}`,
          feedPath: feedPaths.topicJsonFeed(group.slug),
        },
      ),
    );
    await out.wrote(1);
  }
}

/**
 * An article detail is DETAIL_HEAD, its card without the closing brace, detailFieldsJson (see
 * feed-model.ts), its related cards (comma-separated) and detailTail.
 */
export const DETAIL_HEAD = `{"schemaVersion":${FEED_SCHEMA_VERSION},"article":`;

export function detailTail(computed: boolean): string {
  return `],"relatedComputed":${computed}}}`;
}

/** One file per article: its card, webUrl, video and related cards. */
async function writeDetails(out: Output, model: FeedModel, related: RelatedArticles): Promise<void> {
  // No build id: a detail depends on its article and related cards alone, so a rebuild that
  // changes neither leaves its bytes (and the file) as they were.
  const head = Buffer.from(DETAIL_HEAD);
  const tails = [false, true].map((computed) => Buffer.from(detailTail(computed)));
  const { writer } = out;
  const { cards } = model;

  for (const row of model.rows) {
    const { refs, computed } = related.now(row.row) ?? (await related.of(row.row));
    // A detail is made of its card, webUrl, video (the row's digest has all three) and related
    // cards (each a function of a card): a hash of those inputs tells a rebuild whether it changed.
    let inputKey: string | undefined;
    if (writer.recording) {
      const key = out.inputKey.start();
      key.digest(out.rowDigests(), row.row * ROW_DIGEST_BYTES, ROW_DIGEST_BYTES).flag(computed);
      for (const ref of refs) {
        if (typeof ref === 'number') out.cardDigest(key, ref);
        else key.text(ref);
      }
      inputKey = key.hash();
    }
    if (writer.begin(feedPaths.article(row.slug), inputKey)) {
      const at = row.row;
      writer.add(head);
      // The card's fields, without its closing brace (see CardPlaces).
      const chunk = out.cardChunks + cards.chunk[at]!;
      writer.addShared(chunk, cards.start[at]! + 1, cards.cardEnd[at]! - 1);
      writer.addShared(chunk, cards.itemEnd[at]!, cards.detailEnd[at]!);
      for (let k = 0; k < refs.length; k++) {
        const ref = refs[k]!;
        if (typeof ref === 'number') {
          // After the first, each item with the comma before it.
          const from = k > 0 ? cards.cardEnd[ref]! : cards.cardEnd[ref]! + 1;
          writer.addShared(out.cardChunks + cards.chunk[ref]!, from, cards.itemEnd[ref]!);
        } else {
          if (k > 0) writer.add(COMMA);
          writer.addText(ref);
        }
      }
      writer.add(tails[computed ? 1 : 0]!);
      writer.end();
    }
    const wait = out.wrote(0);
    if (wait) await wait;
  }
}
