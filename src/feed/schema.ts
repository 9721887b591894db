/**
 * The feed contract: the one schema that the builder writes and the reader parses.
 * Types are inferred from the schemas, so the two halves cannot disagree silently.
 */
import * as v from 'valibot';

/** Bumped whenever a change to the files below would break an older reader. */
export const FEED_SCHEMA_VERSION = 4;

/**
 * Cards per list page, but page 1, which holds up to twice that less one (see list-layout.ts):
 * one page fills the first screen of any list.
 */
export const LIST_PAGE_SIZE = 50;

const Slug = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'not a URL-safe slug'));
/** An absolute http(s) URL; anything else (javascript:, data:, relative) is rejected. */
export const HttpUrlSchema = v.pipe(v.string(), v.regex(/^https?:\/\/[^\s/?#]+[^\s]*$/i, 'not an http(s) URL'));
const IsoDate = v.pipe(v.string(), v.isoTimestamp());
const Score = v.nullable(v.pipe(v.number(), v.integer()));
/** A count of things: an integer, 0 or more. */
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
/** A size or a 1-based number: an integer, 1 or more. */
const PositiveInteger = v.pipe(v.number(), v.integer(), v.minValue(1));

/**
 * The first fields of the feed's whole-feed files (manifest, start file, topic list, search
 * index): the format and the build that wrote them. List pages and article details instead
 * carry only what they depend on, so a rebuild rewrites just the ones that changed.
 */
const FeedFileHeader = {
  schemaVersion: v.literal(FEED_SCHEMA_VERSION),
  buildId: v.string(),
};

/**
 * The id of the order of a list's older pages (all but page 1): a hash of their articles' slugs,
 * newest first. Pages with the same `listVersion` fit together (no article twice or missed
 * across them). It changes when articles join, leave or move below page 1, or page 1 splits
 * (see list-layout.ts); not when an article joins page 1, nor when a card changes.
 */
const ListVersion = v.pipe(v.string(), v.minLength(1));

/**
 * The search index's files carry no build id: a rebuild leaves the files whose content it does
 * not change as they are. Their rows are the all-articles list's articles counted from the
 * oldest (row 0), so that a new article, the newest, takes a new row and moves no other.
 */
const IndexFileHeader = {
  schemaVersion: v.literal(FEED_SCHEMA_VERSION),
};

export const ArticleTypeSchema = v.picklist(['article', 'video']);

export const ImageSchema = v.object({
  url: HttpUrlSchema,
  width: PositiveInteger,
  height: PositiveInteger,
});

/** A news provider as cards and pages show it. `logo` is a feed-relative path or an http(s) URL. */
export const NewsProviderRefSchema = v.object({
  slug: Slug,
  name: v.string(),
  domain: v.string(),
  logo: v.nullable(v.string()),
});

/** A video the reader may embed: only hosts it knows, only by id, never the feed's HTML. */
export const VideoSchema = v.object({
  host: v.picklist(['youtube', 'vimeo']),
  id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)),
});

/** What a list needs to draw one article card. */
export const ArticleCardSchema = v.object({
  slug: Slug,
  title: v.string(),
  excerpt: v.string(),
  publishedAt: IsoDate,
  type: ArticleTypeSchema,
  originalUrl: HttpUrlSchema,
  provider: NewsProviderRefSchema,
  topics: v.array(Slug),
  image: v.nullable(ImageSchema),
  /** Popularity; null when the source says -1 (not measured) or nothing. */
  heat: Score,
  quality: Score,
});

/**
 * A related article: `slug` is set when it resolves to an article of this feed. Only what its
 * carousel card shows (no excerpt): an article page lists up to eight, and 100k pages are written.
 */
export const RelatedItemSchema = v.object({
  slug: v.nullable(Slug),
  url: HttpUrlSchema,
  title: v.string(),
  publishedAt: v.nullable(IsoDate),
  type: ArticleTypeSchema,
  provider: NewsProviderRefSchema,
  image: v.nullable(ImageSchema),
});

/**
 * `articles/<slug>.json`: everything the article page needs, in one file. It has no build id: it
 * depends on its article and related cards only, so a rebuild leaves it unchanged unless they change.
 */
export const ArticleDetailSchema = v.object({
  schemaVersion: v.literal(FEED_SCHEMA_VERSION),
  article: v.object({
    ...ArticleCardSchema.entries,
    webUrl: v.nullable(HttpUrlSchema),
    video: v.nullable(VideoSchema),
    related: v.array(RelatedItemSchema),
    /** True when `related` was computed by the builder rather than given by the source. */
    relatedComputed: v.boolean(),
  }),
});

/** A topic as filters and chips name it, with how many articles it has. */
export const TopicCountSchema = v.object({
  slug: Slug,
  name: v.string(),
  count: Count,
});

export const TopicSummarySchema = v.object({
  ...TopicCountSchema.entries,
  pages: Count,
});

export const NewsProviderSummarySchema = v.object({
  ...NewsProviderRefSchema.entries,
  count: Count,
  pages: Count,
});

/**
 * `index.json`: what the feed holds and where its files are, every topic and news provider
 * included, for any consumer. The reader starts from `lists/start.json` instead and loads this
 * only for the news provider filter and the search index (whose rows refer to its order).
 */
export const ManifestSchema = v.object({
  ...FeedFileHeader,
  generatedAt: IsoDate,
  title: v.string(),
  articleCount: Count,
  pageSize: PositiveInteger,
  pages: Count,
  topics: v.array(TopicSummarySchema),
  providers: v.array(NewsProviderSummarySchema),
  /** Path templates relative to the feed folder, for consumers other than this reader. */
  paths: v.record(v.string(), v.string()),
});

/** How many of the largest topics `start.json` names: the topic filter shows as many before "All topics". */
export const START_LARGEST_TOPICS = 12;

/** At most this many topics in `start.json`, whatever the corpus: it stays a few KB. */
export const START_TOPIC_LIMIT = 100;

/**
 * `lists/start.json`: exactly what the reader's first view of a list shows besides the cards, and
 * nothing that grows with the corpus. A count stands in for the full lists, which load only where
 * a view needs them: `lists/topics.json` (every topic) and `index.json` (every news provider).
 * Nothing time-stamped either: the same feed gives the same file.
 */
export const FeedStartSchema = v.object({
  ...FeedFileHeader,
  articleCount: Count,
  /** The `listVersion` of the all-articles list: its pages must carry the same (page 1 its `total` too). */
  allListVersion: ListVersion,
  pageSize: PositiveInteger,
  topicCount: Count,
  /**
   * The START_LARGEST_TOPICS largest topics, largest first, then the other topics of the first page
   * of all articles (so its cards' topic chips have names), START_TOPIC_LIMIT in all at most.
   */
  topics: v.pipe(v.array(TopicCountSchema), v.maxLength(START_TOPIC_LIMIT)),
});

/** `lists/topics.json`: every topic, largest first (the order the facet index refers to). */
export const TopicListSchema = v.object({
  ...FeedFileHeader,
  topics: v.array(TopicSummarySchema),
});

/**
 * One page of a list (all articles, a topic or a provider), newest first. Only page 1 gives the
 * list's `total`, which changes with every new article: the older pages do not change with it.
 */
export const ListPageSchema = v.pipe(
  v.object({
    schemaVersion: v.literal(FEED_SCHEMA_VERSION),
    listVersion: ListVersion,
    page: PositiveInteger,
    pages: Count,
    total: v.optional(Count),
    items: v.array(ArticleCardSchema),
  }),
  v.check((page) => (page.page === 1) === (page.total !== undefined), 'page 1, and only page 1, gives the total'),
);

/** Finite numbers only, checked in one loop: per-element schemas cost ~170 ms at 100k rows. */
function isNumberList(value: unknown): value is number[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!Number.isFinite(value[i])) return false;
  return true;
}

const NumberList = v.custom<number[]>(isNumberList, 'not a list of numbers');

/**
 * The facet index: one column per field, row i the i-th oldest article of the "all" list (so at
 * index count − 1 − i of that list, newest first, where list-layout.ts places its card).
 * Loaded lazily, only when a filter needs more than one list's shards. Columns are checked with
 * one loop each (and for having `count` rows), not per element: the index has 100k rows.
 */
export const FacetIndexSchema = v.pipe(
  v.object({
    ...IndexFileHeader,
    /** A hash of the list's whole order: the rows' articles. */
    listVersion: ListVersion,
    count: Count,
    /** Minutes since the Unix epoch. */
    publishedMinute: NumberList,
    /** Index into manifest.providers. */
    provider: NumberList,
    /** 0 article, 1 video. */
    video: NumberList,
    /** -1 when unknown. */
    heat: NumberList,
    quality: NumberList,
    /** Indexes into manifest.topics. */
    topics: v.custom<number[][]>(
      (value) => Array.isArray(value) && value.every(isNumberList),
      'not a list of lists of numbers',
    ),
  }),
  v.check(
    (index) =>
      [index.publishedMinute, index.provider, index.video, index.heat, index.quality, index.topics].every(
        (column) => column.length === index.count,
      ),
    'a column does not have `count` rows',
  ),
);

/**
 * One shard of the text index: the terms that share a prefix, each with the sorted row numbers
 * (see FacetIndexSchema) of the articles whose title or excerpt contain it. A shard stays as it
 * is while no row of its terms' articles changes: a new article rewrites only its words' shards.
 */
export const TermShardSchema = v.object({
  ...IndexFileHeader,
  /** Row lists are delta-encoded: the first row, then the gaps. */
  terms: v.custom<Record<string, number[]>>(
    (value) =>
      typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(isNumberList),
    'not a mapping of terms to lists of numbers',
  ),
});

export type ArticleType = v.InferOutput<typeof ArticleTypeSchema>;
export type Image = v.InferOutput<typeof ImageSchema>;
export type NewsProviderRef = v.InferOutput<typeof NewsProviderRefSchema>;
export type Video = v.InferOutput<typeof VideoSchema>;
export type ArticleCard = v.InferOutput<typeof ArticleCardSchema>;
export type RelatedItem = v.InferOutput<typeof RelatedItemSchema>;
export type ArticleDetailFile = v.InferOutput<typeof ArticleDetailSchema>;
export type ArticleDetail = ArticleDetailFile['article'];
export type TopicCount = v.InferOutput<typeof TopicCountSchema>;
export type TopicSummary = v.InferOutput<typeof TopicSummarySchema>;
export type NewsProviderSummary = v.InferOutput<typeof NewsProviderSummarySchema>;
export type Manifest = v.InferOutput<typeof ManifestSchema>;
export type FeedStart = v.InferOutput<typeof FeedStartSchema>;
export type TopicList = v.InferOutput<typeof TopicListSchema>;
export type ListPage = v.InferOutput<typeof ListPageSchema>;
export type FacetIndex = v.InferOutput<typeof FacetIndexSchema>;
export type TermShard = v.InferOutput<typeof TermShardSchema>;
