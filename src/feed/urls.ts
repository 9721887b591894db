/**
 * Every path of the feed, in one place. The builder writes to these paths under its output
 * folder and the reader fetches them under `<base URL>feed/`, so no other module spells one.
 */

/** Which list a shard belongs to. */
export type ListRef = { kind: 'all' } | { kind: 'topic'; slug: string } | { kind: 'provider'; slug: string };

export const ALL_ARTICLES: ListRef = { kind: 'all' };

/** Paths relative to the feed folder. */
export const feedPaths = {
  manifest: () => 'index.json',
  /** The reader's first file on every page: small and bounded, however large the feed. */
  start: () => 'lists/start.json',
  /** Every topic. (Both in lists/, not index/, which is the search index's.) */
  topics: () => 'lists/topics.json',
  buildReport: () => 'build-report.json',
  jsonFeed: () => 'feed.json',
  topicJsonFeed: (topicSlug: string) => `topics/${topicSlug}/feed.json`,
  listPage: (list: ListRef, page: number) => `${listFolder(list)}/${page}.json`,
  article: (slug: string) => `articles/${slug}.json`,
  logo: (fileName: string) => `logos/${fileName}`,
  facetIndex: () => 'index/facets.json',
  termShard: (shardKey: string) => `index/terms/${shardKey}.json`,
};

/** The same paths as templates, published in the manifest for other consumers. */
export const feedPathTemplates: Record<string, string> = {
  start: feedPaths.start(),
  topics: feedPaths.topics(),
  allList: feedPaths.listPage(ALL_ARTICLES, 0).replace('0.json', '{page}.json'),
  topicList: 'lists/topics/{slug}/{page}.json',
  providerList: 'lists/providers/{slug}/{page}.json',
  article: feedPaths.article('{slug}'),
  topicJsonFeed: feedPaths.topicJsonFeed('{slug}'),
  jsonFeed: feedPaths.jsonFeed(),
  facetIndex: feedPaths.facetIndex(),
  termShard: feedPaths.termShard('{key}'),
};

function listFolder(list: ListRef): string {
  switch (list.kind) {
    case 'all':
      return 'lists/all';
    case 'topic':
      return `lists/topics/${list.slug}`;
    case 'provider':
      return `lists/providers/${list.slug}`;
  }
}

/**
 * The absolute URL of a feed file for the reader. `baseUrl` is the app's base (Vite's
 * `import.meta.env.BASE_URL`, e.g. `/` or `/news/`); the feed lives in `feed/` under it.
 */
export function feedUrl(baseUrl: string, relativePath: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return `${base}feed/${relativePath}`;
}

/** A logo reference from the feed: feed-relative paths resolve under the feed, URLs stay. */
export function logoUrl(baseUrl: string, logo: string): string {
  return /^https?:\/\//i.test(logo) ? logo : feedUrl(baseUrl, logo);
}
