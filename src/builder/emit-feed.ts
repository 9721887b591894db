/**
 * Every file of the feed, from the model: article details, list shards, the search index,
 * JSON Feeds, logos, the build report and the manifest. Card JSON is serialized once per
 * article (in the model) and spliced into each file that lists it.
 */
import { createHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  FEED_SCHEMA_VERSION,
  LIST_PAGE_SIZE,
  type Manifest,
  type NewsProviderSummary,
  type TopicSummary,
} from '../feed/schema';
import { feedPaths, feedPathTemplates, type ListRef } from '../feed/urls';
import type { FeedModel } from './feed-model';
import { buildJsonFeed } from './json-feed';
import { internalRelatedItem, type ArticleRelated } from './related';
import { buildFacetIndex, buildTermShards, type TermIndex } from './search-index';
import type { FeedWriter } from './write-feed';

export interface EmitInput {
  model: FeedModel;
  related: ArticleRelated[];
  termIndex: TermIndex;
  title: string;
  siteUrl: string | null;
  generatedAt: string;
}

/** Files between progress reports, and between yields to the event loop (keeps the process responsive). */
const PROGRESS_EVERY = 100;
const YIELD_EVERY = 500;

/**
 * The build id: a hash over everything the output files are made of (every card, detail field,
 * related link and summary, plus title and site URL), so an identical feed gets the same id.
 */
export function computeBuildId(input: EmitInput): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([FEED_SCHEMA_VERSION, LIST_PAGE_SIZE, input.title, input.siteUrl]));
  hash.update(JSON.stringify([topicSummaries(input.model), providerSummaries(input.model)]));
  const { rows } = input.model;
  rows.forEach((row, i) => {
    const related = input.related[i]!;
    const refs = related.refs.map((ref) => (typeof ref === 'number' ? rows[ref]!.slug : JSON.stringify(ref)));
    // One update per article: the call, not the hashing, is what costs for 100k small pieces.
    hash.update(row.cardJson + JSON.stringify([row.article.webUrl, row.article.video, related.computed, refs]));
  });
  return hash.digest('hex').slice(0, 16);
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

function pageCount(count: number): number {
  return Math.ceil(count / LIST_PAGE_SIZE);
}

/**
 * Write the whole feed into the writer's staging folder, the manifest last; resolves when
 * every file is on disk.
 */
export async function emitFeed(
  writer: FeedWriter,
  input: EmitInput,
  buildId: string,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const { model, related } = input;
  const rows = model.rows;
  const header = `{"schemaVersion":${FEED_SCHEMA_VERSION},"buildId":${JSON.stringify(buildId)}`;
  const lists: [ListRef, number[] | null][] = [
    [{ kind: 'all' }, null],
    ...model.topics.map((group): [ListRef, number[]] => [{ kind: 'topic', slug: group.slug }, group.rows]),
    ...model.providers.map((group): [ListRef, number[]] => [{ kind: 'provider', slug: group.ref.slug }, group.rows]),
  ];
  const listPages = lists.reduce((sum, [, list]) => sum + Math.max(1, pageCount(list ? list.length : rows.length)), 0);
  const total = rows.length + listPages + model.topics.length + model.logos.size + 2;
  let done = 0;
  const wrote = async () => {
    done++;
    await writer.ready();
    if (done % PROGRESS_EVERY === 0) onProgress?.(done, total);
    if (done % YIELD_EVERY === 0) await yieldToEventLoop();
  };

  const relatedJson: (string | undefined)[] = new Array(rows.length);
  const relatedItemJson = (row: number) => (relatedJson[row] ??= JSON.stringify(internalRelatedItem(rows[row]!)));
  for (const [i, row] of rows.entries()) {
    const { refs, computed } = related[i]!;
    const items = refs.map((ref) => (typeof ref === 'number' ? relatedItemJson(ref) : JSON.stringify(ref))).join(',');
    const article =
      row.cardJson.slice(0, -1) +
      `,"webUrl":${JSON.stringify(row.article.webUrl)},"video":${JSON.stringify(row.article.video)}` +
      `,"related":[${items}],"relatedComputed":${computed}}`;
    writer.write(feedPaths.article(row.slug), `${header},"article":${article}}`);
    await wrote();
  }

  for (const [list, listRows] of lists) {
    const members = listRows ?? rows.map((row) => row.row);
    const pages = pageCount(members.length);
    // An empty list still gets page 1, so a reader's first request never 404s.
    for (let page = 1; page <= Math.max(1, pages); page++) {
      const slice = members.slice((page - 1) * LIST_PAGE_SIZE, page * LIST_PAGE_SIZE);
      const items = slice.map((row) => rows[row]!.cardJson).join(',');
      writer.write(
        feedPaths.listPage(list, page),
        `${header},"page":${page},"pages":${pages},"total":${members.length},"items":[${items}]}`,
      );
      await wrote();
    }
  }

  writer.write(feedPaths.facetIndex(), JSON.stringify(buildFacetIndex(rows, buildId)));
  await wrote();
  for (const [key, shard] of buildTermShards(input.termIndex, buildId)) {
    writer.write(feedPaths.termShard(key), JSON.stringify(shard));
  }

  const topicNames = new Map(model.topics.map((group) => [group.slug, group.name]));
  const feedOptions = { siteUrl: input.siteUrl, topicNames };
  writer.write(
    feedPaths.jsonFeed(),
    JSON.stringify(
      buildJsonFeed(rows, {
        ...feedOptions,
        title: input.title,
        description: `The newest articles of ${input.title}`,
        homePath: '/',
        feedPath: feedPaths.jsonFeed(),
      }),
    ),
  );
  await wrote();
  for (const group of model.topics) {
    writer.write(
      feedPaths.topicJsonFeed(group.slug),
      JSON.stringify(
        buildJsonFeed(
          group.rows.map((row) => rows[row]!),
          {
            ...feedOptions,
            title: `${input.title}: ${group.name}`,
            description: `The newest articles about ${group.name}`,
            homePath: `/topics/${group.slug}`,
            feedPath: feedPaths.topicJsonFeed(group.slug),
          },
        ),
      ),
    );
    await wrote();
  }

  for (const [fileName, source] of model.logos) {
    writer.copy(source, feedPaths.logo(fileName));
    await wrote();
  }

  const manifest: Manifest = {
    schemaVersion: FEED_SCHEMA_VERSION,
    buildId,
    generatedAt: input.generatedAt,
    title: input.title,
    articleCount: rows.length,
    pageSize: LIST_PAGE_SIZE,
    pages: pageCount(rows.length),
    topics: topicSummaries(model),
    providers: providerSummaries(model),
    paths: feedPathTemplates,
  };
  writer.write(feedPaths.manifest(), JSON.stringify(manifest));
  await writer.flush();
  onProgress?.(total, total);
}
