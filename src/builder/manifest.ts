/**
 * The feed's description files, written last: `index.json` (the full manifest, for any consumer),
 * `lists/start.json` (the reader's bounded first file) and `lists/topics.json` (every topic).
 */
import { firstPageSize, listPageCount } from '../feed/list-layout';
import {
  FEED_SCHEMA_VERSION,
  LIST_PAGE_SIZE,
  START_LARGEST_TOPICS,
  START_TOPIC_LIMIT,
  type FeedStart,
  type Manifest,
  type NewsProviderSummary,
  type TopicList,
  type TopicSummary,
} from '../feed/schema';
import { feedPaths, feedPathTemplates } from '../feed/urls';
import type { FeedModel } from './feed-model';
import type { FeedWriter } from './write-feed';

export interface ManifestInput {
  model: FeedModel;
  buildId: string;
  /** The all-articles list's `listVersion` (see listVersion in emit-feed.ts). */
  allListVersion: string;
  generatedAt: string;
  title: string;
  /** In the model's order (largest first): the facet index refers to topics and providers by position. */
  topics: TopicSummary[];
  providers: NewsProviderSummary[];
}

export function buildManifest(input: ManifestInput): Manifest {
  return {
    schemaVersion: FEED_SCHEMA_VERSION,
    buildId: input.buildId,
    generatedAt: input.generatedAt,
    title: input.title,
    articleCount: input.model.rows.length,
    pageSize: LIST_PAGE_SIZE,
    pages: listPageCount(input.model.rows.length, LIST_PAGE_SIZE),
    topics: input.topics,
    providers: input.providers,
    paths: feedPathTemplates,
  };
}

/**
 * What every list's first view needs, bounded whatever the corpus: counts instead of lists, the
 * largest topics (the topic filter's first chips) and the topics of the first page of all articles
 * (its cards' chips), START_TOPIC_LIMIT at most.
 */
export function buildStart(input: ManifestInput): FeedStart {
  const { model } = input;
  return startOf({
    ...input,
    articleCount: model.rows.length,
    firstPageTopics: model.rows
      .slice(0, firstPageSize(model.rows.length, LIST_PAGE_SIZE))
      .map((row) => row.topicIndexes),
  });
}

/**
 * `lists/start.json` from the feed's counts and, for the first page of all articles, each
 * card's topic indexes in the card's order.
 */
export function startOf(
  input: Pick<ManifestInput, 'buildId' | 'allListVersion' | 'topics'> & {
    articleCount: number;
    firstPageTopics: readonly (readonly number[])[];
  },
): FeedStart {
  const { topics } = input;
  const chosen = new Set<number>();
  for (let i = 0; i < Math.min(START_LARGEST_TOPICS, topics.length); i++) chosen.add(i);
  for (const rowTopics of input.firstPageTopics) {
    for (const topic of rowTopics) if (chosen.size < START_TOPIC_LIMIT) chosen.add(topic);
  }
  return {
    schemaVersion: FEED_SCHEMA_VERSION,
    buildId: input.buildId,
    articleCount: input.articleCount,
    allListVersion: input.allListVersion,
    pageSize: LIST_PAGE_SIZE,
    topicCount: topics.length,
    topics: [...chosen].map((i) => ({ slug: topics[i]!.slug, name: topics[i]!.name, count: topics[i]!.count })),
  };
}

export function buildTopicList(input: ManifestInput): TopicList {
  return { schemaVersion: FEED_SCHEMA_VERSION, buildId: input.buildId, topics: input.topics };
}

/** Write the three files; `index.json` last, as before, once everything it names is written. */
export function writeManifestFiles(writer: FeedWriter, input: ManifestInput): void {
  writer.write(feedPaths.topics(), JSON.stringify(buildTopicList(input)));
  writer.write(feedPaths.start(), JSON.stringify(buildStart(input)));
  writer.write(feedPaths.manifest(), JSON.stringify(buildManifest(input)));
}
