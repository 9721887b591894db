/**
 * One article's front matter → the normalized article the rest of the build works with.
 * Needs nothing but the file and the taxonomies, so it runs in the parse workers.
 * Fatal problems throw ArticleFileError; lesser ones are fixed and returned as warnings.
 */
import { decodeHTML } from 'entities';
import * as v from 'valibot';
import {
  ArticleCardSchema,
  type ArticleCard,
  type ArticleType,
  type Image,
  type NewsProviderRef,
  type Video,
} from '../feed/schema';
import { distinctTerms } from '../feed/text';
import { ArticleFileError } from './read-articles';
import type { BuildProblem } from './report';
import { articleBaseSlug, providerSlug, slugify } from './slug';
import type { Taxonomy, TopicEntry } from './taxonomy';
import { hostOf, httpUrlOrNull, urlKey } from './url-key';

/** A news provider as an article names it, before the build picks one name and logo per slug. */
export interface ProviderDraft {
  slug: string;
  domain: string;
  name: string;
  /** An http(s) logo URL from the article, used when no local logo file exists. */
  logoUrl: string | null;
}

/**
 * A `related` entry from the source, with the key that may match an article of the feed: only
 * what a related item shows, so no excerpt (a carousel card has none), which would be cleaned,
 * posted to the main thread and kept for nothing.
 */
export interface RelatedDraft {
  key: string;
  url: string;
  title: string;
  publishedAt: string | null;
  type: ArticleType;
  provider: ProviderDraft;
  image: Image | null;
}

export interface NormalizedArticle {
  file: string;
  /** Position in the path-sorted file list: decides which duplicate wins and slug suffixes. */
  order: number;
  baseSlug: string;
  published: boolean;
  title: string;
  excerpt: string;
  publishedAt: string;
  publishedMs: number;
  type: ArticleType;
  originalUrl: string;
  originalKey: string;
  webUrl: string | null;
  /** Null when it is the same as originalKey. */
  webKey: string | null;
  provider: ProviderDraft;
  topics: TopicEntry[];
  image: Image | null;
  heat: number | null;
  quality: number | null;
  video: Video | null;
  /** Null when the source gives no `related` list: the build computes one. */
  related: RelatedDraft[] | null;
  /**
   * Distinct search terms of title and excerpt, space-separated: one string instead of dozens
   * is much cheaper to post from a worker and to keep for 100k articles.
   */
  terms: string;
  warnings: BuildProblem[];
}

/** Taxonomy lookups, built once per worker. */
export interface NormalizeContext {
  topics: Map<string, TopicEntry>;
  organizations: Map<string, string>;
  /** Slugs of domains and topic names already seen: a few hundred names recur across 100k files. */
  domainSlugs: Map<string, string>;
  topicSlugs: Map<string, string>;
  /**
   * Provider mappings already normalized, by their `domain` as written: most articles name one
   * of a few thousand providers, and each names several more in its related entries.
   */
  providers: Map<string, SeenProvider>;
  /**
   * One object for equal provider drafts and topic entries. Results are posted in batches, and
   * a batch copies an object once however many articles share it: fewer objects to copy, and
   * fewer for the main thread to keep.
   */
  drafts: DraftPool;
  /**
   * Leave each article's `terms` empty: the caller takes the terms from the title and excerpt
   * itself (a worker interning them, see internTerms), and the text would only be split again.
   */
  skipTerms?: boolean;
}

export function normalizeContext(taxonomy: Taxonomy): NormalizeContext {
  return {
    topics: new Map(taxonomy.topics),
    organizations: new Map(taxonomy.organizations),
    domainSlugs: new Map(),
    topicSlugs: new Map(),
    providers: new Map(),
    drafts: new DraftPool(),
  };
}

/** Bounds each memo, whatever a hostile corpus holds. */
const MAX_MEMO_SIZE = 20_000;

function memo<T>(map: Map<string, T>, key: string, make: (key: string) => T): T {
  let value = map.get(key);
  if (value === undefined) {
    value = make(key);
    if (map.size >= MAX_MEMO_SIZE) map.clear();
    map.set(key, value);
  }
  return value;
}

/**
 * One object for each distinct provider draft and topic entry (they are never changed once
 * made). Looked up by slug, then compared field by field: cheaper than a key of all fields,
 * which would be a new long string to hash for every draft.
 */
export class DraftPool {
  private readonly providers = new Map<string, ProviderDraft[]>();
  private readonly topics = new Map<string, TopicEntry[]>();

  provider(draft: ProviderDraft): ProviderDraft {
    const known = variants(this.providers, draft.slug);
    for (const other of known) {
      if (other.name === draft.name && other.domain === draft.domain && other.logoUrl === draft.logoUrl) return other;
    }
    if (known.length < MAX_VARIANTS) known.push(draft);
    return draft;
  }

  topic(entry: TopicEntry): TopicEntry {
    const known = variants(this.topics, entry.slug);
    for (const other of known) if (other.name === entry.name) return other;
    if (known.length < MAX_VARIANTS) known.push(entry);
    return entry;
  }

  /** Makes the article's drafts the pool's. */
  share(article: NormalizedArticle): void {
    article.provider = this.provider(article.provider);
    article.topics = article.topics.map((topic) => this.topic(topic));
    if (article.related) for (const draft of article.related) draft.provider = this.provider(draft.provider);
  }
}

/** Spellings of one slug kept for sharing; a hostile corpus's others simply stay copies. */
const MAX_VARIANTS = 8;

function variants<T>(map: Map<string, T[]>, slug: string): T[] {
  let list = map.get(slug);
  if (!list) {
    if (map.size >= MAX_MEMO_SIZE) map.clear();
    map.set(slug, (list = []));
  }
  return list;
}

/** Enough related entries for any carousel; the rest of a hostile list is ignored. */
const MAX_SOURCE_RELATED = 50;
const MAX_IMAGES = 20;
const MAX_TOPICS = 50;

/** Decode HTML entities, drop control characters, collapse whitespace, trim. */
export function cleanText(value: string): string {
  const text = value.includes('&') ? decodeHTML(value) : value;
  // Most text is already clean; testing is much cheaper than replacing.
  return NEEDS_CLEANING.test(text) ? text.replace(SPACE_OR_CONTROL, ' ').trim() : text;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const SPACE_OR_CONTROL = /[\u0000-\u001f\u007f-\u009f\s]+/g;
// Any control character or non-space whitespace, two spaces in a row, or a space at either end.
// eslint-disable-next-line no-control-regex -- as above
const NEEDS_CLEANING = /[\u0000-\u001f\u007f-\u009f]|[^\S ]| {2}|^ | $/;

/** A bare host name from a provider's `domain`, lower-case, without `www.`; '' if it is not one. */
export function normalizeDomain(value: unknown): string {
  if (typeof value !== 'string') return '';
  const domain = value
    .trim()
    .toLowerCase()
    .replace(/^www\./, '');
  return /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/.test(domain) ? domain : '';
}

/**
 * Normalize one article's front matter. `file` names it in problems; `relPath` gives the slug.
 * Throws ArticleFileError for anything that makes the article unusable.
 */
export function normalizeArticle(
  data: Record<string, unknown>,
  file: { display: string; rel: string; order: number },
  context: NormalizeContext,
): NormalizedArticle {
  const warnings: BuildProblem[] = [];
  const warn = (field: string, reason: string) =>
    warnings.push({ file: file.display, field, reason, severity: 'warning' });

  const title = textField(data.title);
  if (!title) throw new ArticleFileError('title', data.title === undefined ? 'missing title' : 'empty title');
  const excerpt = textField(data.excerpt);

  const publishedMs = dateMs(data.publishedDateTime);
  if (publishedMs === null) {
    throw new ArticleFileError(
      'publishedDateTime',
      data.publishedDateTime === undefined ? 'missing date' : `unreadable date ${quote(data.publishedDateTime)}`,
    );
  }

  const declaredWebUrl = data.webUrl;
  const webUrl = httpUrlOrNull(declaredWebUrl);
  if (declaredWebUrl !== undefined && declaredWebUrl !== null && !webUrl) warn('webUrl', 'not an http(s) URL, ignored');
  const originalUrl = httpUrlOrNull(data.originalUrl) ?? webUrl;
  if (!originalUrl) throw new ArticleFileError('originalUrl', 'no http(s) URL in originalUrl or webUrl');
  if (data.originalUrl !== undefined && !httpUrlOrNull(data.originalUrl))
    warn('originalUrl', 'not an http(s) URL, using webUrl');

  const originalKey = urlKey(originalUrl)!;
  const webKey = webUrl && webUrl !== originalUrl ? urlKey(webUrl) : null;
  const type = articleType(data.type, 'type', warn);
  const provider = providerDraft(data.provider, originalUrl, context, 'provider', warn);
  const article: NormalizedArticle = {
    file: file.display,
    order: file.order,
    baseSlug: articleBaseSlug(file.rel),
    published: data.published !== false && data.published !== 'false',
    title,
    excerpt,
    publishedAt: new Date(publishedMs).toISOString(),
    publishedMs,
    type,
    originalUrl,
    originalKey,
    webUrl,
    webKey: webKey === originalKey ? null : webKey,
    provider,
    topics: topicEntries(data.topics, context, warn),
    image: leadImage(data.images, 'images', warn),
    heat: score(data.heat, 'heat', warn),
    quality: score(data.quality, 'quality', warn),
    video: type === 'video' ? videoOf(data.featuredContent, originalUrl, webUrl) : null,
    related: relatedDrafts(data.related, context, warn),
    terms: context.skipTerms ? '' : distinctTerms(termText(title, excerpt)).join(' '),
    warnings,
  };
  assertCard(article);
  return article;
}

/** The text an article's search terms come from. */
export function termText(title: string, excerpt: string): string {
  return `${title} ${excerpt}`;
}

/** An article's card, as the feed shows it under `slug` with its news provider's `provider` ref. */
export function articleCard(article: NormalizedArticle, slug: string, provider: NewsProviderRef): ArticleCard {
  return {
    slug,
    title: article.title,
    excerpt: article.excerpt,
    publishedAt: article.publishedAt,
    type: article.type,
    originalUrl: article.originalUrl,
    provider,
    topics: article.topics.map((topic) => topic.slug),
    image: article.image,
    heat: article.heat,
    quality: article.quality,
  };
}

/** The card part must satisfy the feed's own schema; checked here, where the field is known. */
function assertCard(article: NormalizedArticle): void {
  const { slug, name, domain } = article.provider;
  const card = articleCard(article, article.baseSlug, { slug, name, domain, logo: null });
  const result = v.safeParse(ArticleCardSchema, card);
  if (!result.success) {
    const issue = result.issues[0];
    throw new ArticleFileError(v.getDotPath(issue) ?? 'article', issue.message);
  }
}

function textField(value: unknown): string {
  if (typeof value === 'string') return cleanText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

// Only ISO-like dates: Date.parse would also guess at "03/04/2021", differently per engine.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

function dateMs(value: unknown): number | null {
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'string' && ISO_DATE.test(value.trim())) ms = Date.parse(isoWithZone(value.trim()));
  else return null;
  // Four-digit years only, so toISOString stays a plain ISO 8601 timestamp.
  if (!Number.isFinite(ms) || ms < Date.UTC(1000, 0, 1) || ms >= Date.UTC(10000, 0, 1)) return null;
  return ms;
}

/**
 * `2021-03-04 09:11` as `2021-03-04T09:11Z`: a YAML timestamp without a zone is UTC, while
 * Date.parse would read a date-time without one in the machine's local time.
 */
function isoWithZone(text: string): string {
  // ISO_DATE allows spaces only between date and time and before the zone.
  const iso = text.replace(' ', 'T').replace(/\s+/g, '');
  return iso.length > 10 && !/(?:Z|[+-]\d{2}:?\d{2})$/i.test(iso) ? `${iso}Z` : iso;
}

type Warn = (field: string, reason: string) => void;

/** Characters of a string value that a problem's reason quotes. */
const MAX_QUOTED_LENGTH = 80;

/**
 * A front-matter value as a reason quotes it: short, and lists and mappings never walked. A YAML
 * alias bomb of a few hundred bytes is millions of strings once String or JSON.stringify expands it.
 */
function quote(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > MAX_QUOTED_LENGTH ? `${value.slice(0, MAX_QUOTED_LENGTH)}…` : value);
  }
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value instanceof Date) return JSON.stringify(value);
  if (typeof value === 'object' && value !== null) return 'a mapping';
  return String(value);
}

function articleType(value: unknown, field: string, warn: Warn): ArticleType {
  if (value === 'article' || value === 'video') return value;
  if (value !== undefined && value !== null) warn(field, `unknown type ${quote(value)}, using article`);
  return 'article';
}

/** Integer scores; -1, missing or non-numbers mean unknown. */
function score(value: unknown, field: string, warn: Warn): number | null {
  if (value === undefined || value === null || value === -1) return null;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return Math.round(value);
  warn(field, `not a number (${quote(value)}), treated as unknown`);
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function providerDraft(
  value: unknown,
  url: string,
  context: NormalizeContext,
  field: string,
  warn: Warn,
): ProviderDraft {
  const source = isRecord(value) ? value : {};
  const logo = logoValue(source.images);
  const seen = typeof source.domain === 'string' ? context.providers.get(source.domain) : undefined;
  if (seen && seen.name === source.name && seen.logo === logo) return seen.draft;
  if (value !== undefined && !isRecord(value)) warn(field, 'not a mapping, derived from the URL');
  let domain = normalizeDomain(source.domain);
  const domainGiven = domain !== '';
  if (!domainGiven) {
    if (source.domain !== undefined) warn(`${field}.domain`, 'not a domain name, using the URL host');
    domain = normalizeDomain(hostOf(url)) || 'unknown';
  }
  const name = context.organizations.get(domain) ?? (textField(source.name) || domain);
  const slug = memo(context.domainSlugs, domain, providerSlug) || 'unknown';
  const draft = context.drafts.provider({ slug, domain, name, logoUrl: httpUrlOrNull(logo) });
  // Only a mapping with a usable domain gives the same draft, and no warning, wherever it is.
  if (domainGiven && isRecord(value)) {
    memo(context.providers, source.domain as string, () => ({ name: source.name, logo, draft }));
  }
  return draft;
}

/** A provider mapping's fields as written, and the draft they made (see NormalizeContext.providers). */
interface SeenProvider {
  name: unknown;
  logo: unknown;
  draft: ProviderDraft;
}

/** The `url` of a provider's first image as written (undefined when there is none). */
function logoValue(images: unknown): unknown {
  return Array.isArray(images) && images.length > 0 && isRecord(images[0]) ? images[0].url : undefined;
}

function topicEntries(value: unknown, context: NormalizeContext, warn: Warn): TopicEntry[] {
  if (value === undefined || value === null) return [];
  const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
  if (!names) {
    warn('topics', 'not a list, ignored');
    return [];
  }
  const topics = new Map<string, TopicEntry>();
  for (const [i, raw] of names.slice(0, MAX_TOPICS).entries()) {
    const name = textField(raw);
    const known = context.topics.get(name.toLowerCase());
    const slug = known?.slug ?? memo(context.topicSlugs, name, slugify);
    if (!slug) {
      warn(`topics[${i}]`, `topic ${quote(raw)} has no usable name, ignored`);
      continue;
    }
    if (!topics.has(slug)) topics.set(slug, known ?? context.drafts.topic({ slug, name }));
  }
  return [...topics.values()];
}

/** The first image with an http(s) URL and positive integer dimensions. */
function leadImage(value: unknown, field: string, warn: Warn): Image | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) {
    warn(field, 'not a list, ignored');
    return null;
  }
  for (const [i, raw] of value.slice(0, MAX_IMAGES).entries()) {
    const image = isRecord(raw) ? raw : {};
    const url = httpUrlOrNull(image.url);
    const { width, height } = image;
    if (url && isDimension(width) && isDimension(height)) return { url, width, height };
    warn(`${field}[${i}]`, url ? 'width or height missing or not a positive integer' : 'not an http(s) image URL');
  }
  return null;
}

function isDimension(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

const YOUTUBE_ID =
  /(?:youtube(?:-nocookie)?\.com\/(?:watch\?(?:[^"'\s#]*&(?:amp;)?)?v=|embed\/|shorts\/|v\/)|youtu\.be\/)([A-Za-z0-9_-]{6,64})/i;
const VIMEO_ID = /(?:player\.)?vimeo\.com\/(?:video\/)?(\d{1,20})(?:[/?#"'\s]|$)/i;
const SRC_ATTRIBUTE = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

/**
 * A YouTube or Vimeo id from the featured embed's `src` or from the article URLs. The embed is
 * untrusted HTML: it is only matched as text, never rendered or passed on.
 */
export function videoOf(featuredContent: unknown, ...urls: (string | null)[]): Video | null {
  const src = typeof featuredContent === 'string' ? SRC_ATTRIBUTE.exec(featuredContent) : null;
  const candidates = [src ? (src[1] ?? src[2] ?? src[3] ?? '') : '', ...urls];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const youtube = YOUTUBE_ID.exec(candidate);
    if (youtube) return { host: 'youtube', id: youtube[1]! };
    const vimeo = VIMEO_ID.exec(candidate);
    if (vimeo) return { host: 'vimeo', id: vimeo[1]! };
  }
  return null;
}

function relatedDrafts(value: unknown, context: NormalizeContext, warn: Warn): RelatedDraft[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) {
    warn('related', 'not a list, computed instead');
    return null;
  }
  if (value.length > MAX_SOURCE_RELATED) warn('related', `more than ${MAX_SOURCE_RELATED} entries, the rest ignored`);
  const drafts: RelatedDraft[] = [];
  for (const [i, raw] of value.slice(0, MAX_SOURCE_RELATED).entries()) {
    const field = `related[${i}]`;
    const entry = isRecord(raw) ? raw : {};
    const url = httpUrlOrNull(entry.webUrl) ?? httpUrlOrNull(entry.originalUrl);
    if (!url) {
      warn(`${field}.webUrl`, 'not an http(s) link, entry dropped');
      continue;
    }
    const title = textField(entry.title);
    if (!title) {
      warn(`${field}.title`, 'missing title, entry dropped');
      continue;
    }
    const ms = dateMs(entry.publishedDateTime);
    drafts.push({
      key: urlKey(url)!,
      url,
      title,
      publishedAt: ms === null ? null : new Date(ms).toISOString(),
      type: articleType(entry.type, `${field}.type`, warn),
      provider: providerDraft(entry.provider, url, context, `${field}.provider`, warn),
      image: leadImage(entry.images, `${field}.images`, warn),
    });
  }
  return drafts;
}
