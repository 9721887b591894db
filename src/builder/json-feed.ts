/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1) for feed readers: the newest articles of
 * the whole feed and of each topic.
 */
import type { ArticleCard } from '../feed/schema';

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';
/** Items per JSON Feed: enough for a feed reader's polling interval. */
export const JSON_FEED_ITEMS = 100;

export interface JsonFeedItem {
  id: string;
  url: string;
  external_url: string;
  title: string;
  summary: string;
  content_text: string;
  image?: string;
  date_published: string;
  authors: { name: string; url?: string }[];
  tags: string[];
}

export interface JsonFeed {
  version: string;
  title: string;
  home_page_url?: string;
  feed_url?: string;
  description?: string;
  language?: string;
  items: JsonFeedItem[];
}

export interface JsonFeedOptions {
  title: string;
  description: string;
  /** The reader's public URL, without a trailing slash; null when unknown. */
  siteUrl: string | null;
  /** Path of the reader page this feed mirrors, e.g. `/topics/portals`. */
  homePath: string;
  /** This feed's path relative to the feed folder. */
  feedPath: string;
  /** Topic slug → display name, for tags. */
  topicNames: ReadonlyMap<string, string>;
}

/**
 * A JSON Feed of `cards` (already newest first; only the first JSON_FEED_ITEMS are used). With a
 * site URL, items link to the reader's article pages and `external_url` to the original;
 * without one, both are the original.
 */
export function buildJsonFeed(cards: readonly ArticleCard[], options: JsonFeedOptions): JsonFeed {
  const { siteUrl } = options;
  const links = siteUrl
    ? { home_page_url: siteUrl + options.homePath, feed_url: `${siteUrl}/feed/${options.feedPath}` }
    : {};
  const items = cards.slice(0, JSON_FEED_ITEMS).map((card) => jsonFeedItem(card, options));
  return { version: JSON_FEED_VERSION, title: options.title, ...links, description: options.description, items };
}

/** One article as a JSON Feed item. */
export function jsonFeedItem(
  card: ArticleCard,
  options: Pick<JsonFeedOptions, 'siteUrl' | 'topicNames'>,
): JsonFeedItem {
  const { siteUrl } = options;
  const url = siteUrl ? `${siteUrl}/articles/${card.slug}` : card.originalUrl;
  const item: JsonFeedItem = {
    id: url,
    url,
    external_url: card.originalUrl,
    title: card.title,
    summary: card.excerpt,
    content_text: card.excerpt || card.title,
    date_published: card.publishedAt,
    authors: [authorOf(card)],
    tags: card.topics.map((slug) => options.topicNames.get(slug) ?? slug),
  };
  if (card.image) item.image = card.image.url;
  return item;
}

function authorOf(card: ArticleCard): JsonFeedItem['authors'][number] {
  const { provider } = card;
  return provider.domain.includes('.')
    ? { name: provider.name, url: `https://${provider.domain}` }
    : { name: provider.name };
}
