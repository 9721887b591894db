/**
 * The feed as a whole: final slugs, the newest-first order, one name and logo per topic and
 * news provider, and each article's card (as JSON, reused by every file that lists it).
 *
 * A row keeps its card only as bytes, plus the few facts later steps read: at 100k articles
 * the parsed articles' text is ~150 MB of heap, which can go once the cards are encoded.
 */
import type { ArticleCard, NewsProviderRef } from '../feed/schema';
import { feedPaths } from '../feed/urls';
import { articleCard, type NormalizedArticle, type ProviderDraft } from './normalize';
import type { LogoFiles } from './taxonomy';

/** One article of the feed, before its cards are encoded; `row` is its position in the all-articles list. */
export interface PlannedRow {
  row: number;
  slug: string;
  /** What the files need of the article beyond its card, and what its `related` links resolve by. */
  facts: RowFacts;
  providerIndex: number;
  topicIndexes: number[];
}

/** One article of the feed; its card and related item are in the model's CardPlaces. */
export type FeedRow = PlannedRow;

/**
 * Where each row's card and related item lie, in flat arrays: a file made of cards names these
 * ranges, and a write worker copies the bytes from the shared chunks (no row object is reached
 * for them, and this thread copies none). Per row, in chunk `chunk[row]`: a comma at
 * `start[row]`, the card up to `cardEnd[row]`, a comma there, the related item up to
 * `itemEnd[row]`, then the detail's own fields up to `detailEnd[row]` (see detailFieldsJson).
 * So a card or item with the comma that precedes it in a list is one range too.
 */
export interface CardPlaces {
  /** Views of SharedArrayBuffers: a worker reads them where they are. */
  chunks: Buffer[];
  chunk: Int32Array;
  start: Int32Array;
  cardEnd: Int32Array;
  itemEnd: Int32Array;
  detailEnd: Int32Array;
}

export type RowFacts = Pick<
  NormalizedArticle,
  'publishedMs' | 'type' | 'heat' | 'quality' | 'webUrl' | 'video' | 'originalKey' | 'webKey' | 'related'
>;

export interface TopicGroup {
  slug: string;
  name: string;
  /** Rows of the topic's articles, ascending (= newest first). */
  rows: number[];
}

export interface ProviderGroup {
  ref: NewsProviderRef;
  rows: number[];
}

/** The feed's order and groups (see planModel); a FeedModel once the cards are encoded. */
export interface ModelPlan<Row extends PlannedRow = PlannedRow> {
  rows: Row[];
  /** Sorted by article count, then slug: index i is manifest.topics[i]. */
  topics: TopicGroup[];
  /** Sorted like topics: index i is manifest.providers[i]. */
  providers: ProviderGroup[];
  /** Logos to copy: file name in `logos/` → source path. */
  logos: Map<string, string>;
  /** Provider ref for any draft, e.g. of an external related article. */
  providerRef(draft: ProviderDraft): NewsProviderRef;
}

export type FeedModel = ModelPlan<FeedRow> & { cards: CardPlaces };

// A logo file is looked up by name in a folder listing, never by joining a domain into a path.
const SAFE_LOGO_NAME = /^[a-z0-9][a-z0-9.-]*-50x50\.jpg$/;

/**
 * The feed's order and groups, from the articles that go into it. `slugs` maps each article to
 * its unique slug; `articles` is in path order, which decides whose provider name is used.
 * `inRowOrder` is the articles in row order, for the steps that still need the articles.
 * Cards are encoded apart (encodeCards), so related lists can be ranked meanwhile.
 */
export function planModel(
  articles: readonly NormalizedArticle[],
  slugs: ReadonlyMap<NormalizedArticle, string>,
  logoFiles: LogoFiles,
): { plan: ModelPlan; inRowOrder: NormalizedArticle[] } {
  const logos = new Map<string, string>();
  const providerRef = providerRefs(logoFiles, logos);
  // Names and logos come from the first article (by path) of each topic and provider.
  const topicNames = new Map<string, string>();
  for (const article of articles) {
    providerRef(article.provider);
    for (const topic of article.topics) if (!topicNames.has(topic.slug)) topicNames.set(topic.slug, topic.name);
  }

  // Sort keys looked up once, not in every comparison.
  const keyed = articles.map((article) => ({ article, ms: article.publishedMs, slug: slugs.get(article)! }));
  keyed.sort((a, b) => b.ms - a.ms || compareText(a.slug, b.slug));
  const sorted = keyed.map((entry) => entry.article);

  const topicGroups = new Map<string, TopicGroup>();
  const providerGroups = new Map<string, ProviderGroup>();
  sorted.forEach((article, row) => {
    for (const topic of article.topics) {
      let group = topicGroups.get(topic.slug);
      if (!group)
        topicGroups.set(topic.slug, (group = { slug: topic.slug, name: topicNames.get(topic.slug)!, rows: [] }));
      group.rows.push(row);
    }
    const ref = providerRef(article.provider);
    let group = providerGroups.get(ref.slug);
    if (!group) providerGroups.set(ref.slug, (group = { ref, rows: [] }));
    group.rows.push(row);
  });
  const byCount =
    <T extends { rows: number[] }>(slugOf: (g: T) => string) =>
    (a: T, b: T) =>
      b.rows.length - a.rows.length || compareText(slugOf(a), slugOf(b));
  const topics = [...topicGroups.values()].sort(byCount((g) => g.slug));
  const providers = [...providerGroups.values()].sort(byCount((g) => g.ref.slug));
  const topicIndex = new Map(topics.map((group, i) => [group.slug, i]));
  const providerIndex = new Map(providers.map((group, i) => [group.ref.slug, i]));

  const rows = sorted.map((article, row): PlannedRow => {
    const { publishedMs, type, heat, quality, webUrl, video, originalKey, webKey, related } = article;
    return {
      row,
      slug: keyed[row]!.slug,
      facts: { publishedMs, type, heat, quality, webUrl, video, originalKey, webKey, related },
      providerIndex: providerIndex.get(providerRef(article.provider).slug)!,
      topicIndexes: article.topics.map((topic) => topicIndex.get(topic.slug)!),
    };
  });

  return { plan: { rows, topics, providers, logos, providerRef }, inRowOrder: sorted };
}

/** The model, with each row's cards encoded; `inRowOrder[i]` is the article of row i. */
export function encodeCards(plan: ModelPlan, inRowOrder: readonly NormalizedArticle[]): FeedModel {
  const { providerRef } = plan;
  const providerJsons = new Map<NewsProviderRef, string>();
  const providerJson = (ref: NewsProviderRef) => {
    let json = providerJsons.get(ref);
    if (json === undefined) providerJsons.set(ref, (json = JSON.stringify(ref)));
    return json;
  };
  const store = new CardStore(plan.rows.length);
  for (const planned of plan.rows) {
    const article = inRowOrder[planned.row]!;
    const provider = providerRef(article.provider);
    const card = articleCard(article, planned.slug, provider);
    const texts = fieldTexts(card);
    const providerText = providerJson(provider);
    const detail = detailFieldsJson(planned.facts);
    store.add(planned.row, cardText(card, texts, providerText), itemText(texts, providerText), detail);
  }
  return { ...plan, cards: store.places };
}

/**
 * One provider ref per slug, with its logo found (and noted in `logos`) on first sight. A
 * function of its own: the model keeps it, and with it the scope it closes over, so that scope
 * must not hold the build's articles.
 */
function providerRefs(logoFiles: LogoFiles, logos: Map<string, string>): (draft: ProviderDraft) => NewsProviderRef {
  const refs = new Map<string, NewsProviderRef>();
  return (draft) => {
    const known = refs.get(draft.slug);
    if (known) return known;
    const logoName = `${draft.domain}-50x50.jpg`;
    const logoFile = SAFE_LOGO_NAME.test(logoName) ? logoFiles.get(logoName) : undefined;
    if (logoFile) logos.set(logoName, logoFile);
    const logo = logoFile ? feedPaths.logo(logoName) : draft.logoUrl;
    const ref = { slug: draft.slug, name: draft.name, domain: draft.domain, logo };
    refs.set(draft.slug, ref);
    return ref;
  };
}

/** Bytes of each chunk: thousands of cards. */
const CARD_CHUNK = 1 << 20;
const COMMA = 0x2c;

/**
 * Cards and related items encoded as UTF-8 into large shared chunks, laid out as CardPlaces
 * says. Buffer.from(text) takes a small text from an 8 KB pool, allocating a new pool every few
 * cards (~0.3 s at 100k, with measuring the bytes).
 */
class CardStore {
  readonly places: CardPlaces;
  private chunk: Buffer = Buffer.alloc(0);
  private used = 0;

  constructor(rows: number) {
    const column = () => new Int32Array(rows);
    this.places = {
      chunks: [],
      chunk: column(),
      start: column(),
      cardEnd: column(),
      itemEnd: column(),
      detailEnd: column(),
    };
  }

  /**
   * A row's card, related item and detail fields (JSON texts), with the commas before the card
   * and the item. Each text is encoded by a call of its own, which gives its length in bytes:
   * one call for all three, joined, needed the card's and item's lengths measured again where
   * they are not ASCII, and joining them made a text to flatten (a 100k build's whole card loop,
   * run again with each: 843–873 ms against 965–979 ms).
   */
  add(row: number, card: string, item: string, detail: string): void {
    const room = this.chunk.length - this.used;
    // UTF-8 takes at most 3 bytes per UTF-16 unit; exact only when that bound does not fit.
    if ((card.length + item.length + detail.length + 2) * 3 > room) {
      const bytes = Buffer.byteLength(card) + Buffer.byteLength(item) + Buffer.byteLength(detail) + 2;
      if (bytes > room) {
        this.chunk = Buffer.from(new SharedArrayBuffer(Math.max(CARD_CHUNK, bytes)));
        this.places.chunks.push(this.chunk);
        this.used = 0;
      }
    }
    const { chunk, places } = this;
    const start = this.used;
    chunk[start] = COMMA;
    const cardEnd = start + 1 + chunk.write(card, start + 1);
    chunk[cardEnd] = COMMA;
    const itemEnd = cardEnd + 1 + chunk.write(item, cardEnd + 1);
    this.used = itemEnd + chunk.write(detail, itemEnd);
    places.chunk[row] = places.chunks.length - 1;
    places.start[row] = start;
    places.cardEnd[row] = cardEnd;
    places.itemEnd[row] = itemEnd;
    places.detailEnd[row] = this.used;
  }
}

/**
 * What an article detail has after its card's fields, up to its related cards: its webUrl and
 * video, and the start of its related list.
 */
export function detailFieldsJson({ webUrl, video }: Pick<RowFacts, 'webUrl' | 'video'>): string {
  return `,"webUrl":${JSON.stringify(webUrl)},"video":${JSON.stringify(video)},"related":[`;
}

/** A row's card as UTF-8 JSON: a view of its chunk (see CardPlaces). */
export function cardBytesOf(cards: CardPlaces, row: number): Buffer {
  return cards.chunks[cards.chunk[row]!]!.subarray(cards.start[row]! + 1, cards.cardEnd[row]!);
}

/** A row's card, decoded from its bytes: for the few files that need card fields (JSON Feeds). */
export function cardOf(cards: CardPlaces, row: number): ArticleCard {
  return JSON.parse(cardBytesOf(cards, row).toString('utf8')) as ArticleCard;
}

/**
 * JSON.stringify(card), spelled out: for 100k cards this is several times faster than walking
 * the object, and the provider part is serialized once per provider. A test keeps the two equal.
 */
export function cardJson(card: ArticleCard, provider = JSON.stringify(card.provider)): string {
  return cardText(card, fieldTexts(card), provider);
}

/**
 * An article of this feed as a related card (a RelatedItem), as JSON spelled out like cardJson
 * (a test keeps it equal to JSON.stringify of that RelatedItem).
 */
export function relatedItemJson(card: ArticleCard, provider = JSON.stringify(card.provider)): string {
  return itemText(fieldTexts(card), provider);
}

/** The fields a card and its related item share, as JSON: escaped once for both. */
function fieldTexts(card: ArticleCard) {
  const q = JSON.stringify;
  const { image } = card;
  return {
    slug: q(card.slug),
    title: q(card.title),
    publishedAt: q(card.publishedAt),
    type: q(card.type),
    url: q(card.originalUrl),
    image: image ? `{"url":${q(image.url)},"width":${image.width},"height":${image.height}}` : 'null',
  };
}

function cardText(card: ArticleCard, f: ReturnType<typeof fieldTexts>, provider: string): string {
  const q = JSON.stringify;
  return (
    `{"slug":${f.slug},"title":${f.title},"excerpt":${q(card.excerpt)},` +
    `"publishedAt":${f.publishedAt},"type":${f.type},"originalUrl":${f.url},` +
    `"provider":${provider},"topics":${q(card.topics)},"image":${f.image},"heat":${card.heat},"quality":${card.quality}}`
  );
}

function itemText(f: ReturnType<typeof fieldTexts>, provider: string): string {
  return (
    `{"slug":${f.slug},"url":${f.url},"title":${f.title},` +
    `"publishedAt":${f.publishedAt},"type":${f.type},"provider":${provider},"image":${f.image}}`
  );
}

/** Plain code-unit order: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
