/**
 * The files of the last build's feed as a patched rebuild (patch-build.ts) reads and rewrites
 * them: each edited article's card replaces its old one wherever the feed shows it — its detail,
 * its list pages, others' related cards, JSON Feeds, the facet and term index — starting from the
 * files' current bytes, so that everything else in them stays exactly as a full build wrote it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FEED_SCHEMA_VERSION, LIST_PAGE_SIZE, type ArticleCard, type Manifest, type TermShard } from '../feed/schema';
import { pagePlace, type PagePlace } from '../feed/list-layout';
import { termShardKey } from '../feed/text';
import { feedPaths, type ListRef } from '../feed/urls';
import type { BuildState } from './build-state';
import { cardJson, compareText, relatedItemJson } from './feed-model';
import { jsonFeedItem, JSON_FEED_ITEMS, type JsonFeed } from './json-feed';
import { push } from './map-of-lists';
import type { NormalizedArticle } from './normalize';
import { facetIndexText, facetsOf, ROW_FACETS } from './facet-index-text';
import { listOf, type Lists } from './lists';
import { MAX_COMPUTED_RELATED, type RankerInput } from './related-ranker';
import { deltaEncode, indexRows } from './search-index';

/** An article whose text changed: its row and its article as now parsed. */
export interface ChangedArticle {
  row: number;
  article: NormalizedArticle;
}

/** A changed article as the feed's files show it. */
export interface Edit extends ChangedArticle {
  card: ArticleCard;
  cardText: string;
  relatedItemText: string;
  /** Whether the article as others' related card changed. */
  relatedItemChanged: boolean;
  /** Its terms, sorted as a full build sorts them (alphabetically). */
  terms: string[];
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

/** The feed's files as this patch reads and rewrites them, each read and parsed at most once. */
export class FeedFiles {
  private readonly out: string;
  private readonly state: BuildState;
  private readonly edited = new Map<number, Edit>();
  private readonly originals = new Map<string, string>();
  private readonly parsed = new Map<string, unknown>();

  constructor(out: string, state: BuildState) {
    this.out = out;
    this.state = state;
  }

  /**
   * A file of the feed as it is, parsed once: what a caller changes in it, later callers see.
   * Its text is kept for `original`.
   */
  read<T>(rel: string): T {
    if (!this.parsed.has(rel)) this.parsed.set(rel, JSON.parse(this.text(rel)));
    return this.parsed.get(rel) as T;
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
    return this.read<Detail>(feedPaths.article(this.state.slugs.at(row)));
  }

  /** How a changed article's files change: its new card, from its old one (in its detail), and its terms. */
  describe({ row, article }: ChangedArticle): Edit {
    const oldCard = cardFields(this.detail(row).article);
    const card: ArticleCard = {
      ...oldCard,
      title: article.title,
      excerpt: article.excerpt,
      type: article.type,
      image: article.image,
      heat: article.heat,
      quality: article.quality,
    };
    const relatedItemText = relatedItemJson(card);
    const edit: Edit = {
      row,
      article,
      card,
      cardText: cardJson(card),
      relatedItemText,
      relatedItemChanged: relatedItemText !== relatedItemJson(oldCard),
      terms: article.terms ? article.terms.split(' ').sort(compareText) : [],
    };
    this.edited.set(row, edit);
    return edit;
  }

  /** A row as another's related card. */
  private relatedItem(row: number, from: Detail): RelatedItemJson {
    const edit = this.edited.get(row);
    if (edit) return JSON.parse(edit.relatedItemText) as RelatedItemJson;
    const { state } = this;
    const slug = state.slugs.at(row);
    const known = from.article.related.find((item) => item.slug === slug);
    if (known) return known;
    const place = pagePlace(row, state.slugs.length, LIST_PAGE_SIZE);
    const page = this.read<ListPageJson>(feedPaths.listPage({ kind: 'all' }, place.page));
    const card = page.items[place.offset]!;
    return JSON.parse(relatedItemJson(card)) as RelatedItemJson;
  }

  /**
   * Every file the edits change but the manifest files and JSON Feeds, as text by path, and
   * the files they remove (a term shard no term is left in).
   */
  patchedFiles(
    edits: Edit[],
    picksChanged: Set<number>,
    after: RankerInput,
    changedTerms: readonly number[],
  ): { files: Map<string, string>; removed: string[] } {
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
      files.set(
        feedPaths.article(state.slugs.at(row)),
        JSON.stringify({ schemaVersion: detail.schemaVersion, article }),
      );
    }

    // List pages: where each edited article is in all articles, its topics and its provider.
    const manifest = this.read<Manifest>(feedPaths.manifest());
    for (const edit of edits) {
      const places: [ListRef, PagePlace][] = [
        [{ kind: 'all' }, pagePlace(edit.row, state.slugs.length, LIST_PAGE_SIZE)],
      ];
      for (const topic of listOf(after.topicsOf, edit.row)) {
        places.push([{ kind: 'topic', slug: manifest.topics[topic]!.slug }, placeIn(after.topicRows, topic, edit.row)]);
      }
      const provider = after.provider[edit.row]!;
      places.push([
        { kind: 'provider', slug: manifest.providers[provider]!.slug },
        placeIn(after.providerRows, provider, edit.row),
      ]);
      for (const [list, place] of places) {
        const page = this.read<ListPageJson>(feedPaths.listPage(list, place.page));
        page.items[place.offset] = JSON.parse(edit.cardText) as ArticleCard;
        files.set(feedPaths.listPage(list, place.page), JSON.stringify(page));
      }
    }

    // The search index names the order of all articles, which a patch keeps: only the edited
    // rows' facets and the shards of changed terms change (a shard may come or go).
    const facetsChanged = edits.some((edit) => {
      const card = cardFields(this.detail(edit.row).article);
      return card.type !== edit.card.type || card.heat !== edit.card.heat || card.quality !== edit.card.quality;
    });
    // In place, as the rest of the state: it is this patch's, and saved again after it.
    for (const edit of edits) state.rowFacets.set(facetsOf(edit.article), edit.row * ROW_FACETS);
    if (facetsChanged) {
      const { time, provider, topicsOf } = after;
      const text = facetIndexText(state.head.indexVersion, { time, provider, topicsOf, rowFacets: state.rowFacets });
      // All ASCII: numbers, keys and a hex version.
      files.set(feedPaths.facetIndex(), Buffer.from(text.buffer, text.byteOffset, text.length).toString('latin1'));
    }
    const byShard = new Map<string, number[]>();
    for (const id of changedTerms) push(byShard, termShardKey(state.terms[id]!), id);
    const existing = termShardKeys(this.out);
    const removed: string[] = [];
    for (const [key, ids] of byShard) {
      const rel = feedPaths.termShard(key);
      const old = existing.has(key) ? this.read<TermShard>(rel).terms : {};
      for (const id of ids) {
        const rows = listOf(after.postings, id);
        if (rows.length === 0) delete old[state.terms[id]!];
        else old[state.terms[id]!] = deltaEncode(indexRows(rows, state.slugs.length));
      }
      const terms = Object.create(null) as Record<string, number[]>;
      for (const term of Object.keys(old).sort(compareText)) terms[term] = old[term]!;
      if (Object.keys(terms).length > 0) files.set(rel, JSON.stringify({ schemaVersion: FEED_SCHEMA_VERSION, terms }));
      else if (existing.has(key)) removed.push(rel);
    }
    return { files, removed };
  }

  /** The JSON Feeds that list an edited article among their newest items. */
  jsonFeeds(edits: Edit[], manifest: Manifest, siteUrl: string | null, files: Map<string, string>): void {
    const topicNames = new Map(manifest.topics.map((topic) => [topic.slug, topic.name]));
    const feeds = new Set<string>();
    for (const edit of edits) {
      const places: [string, number][] = [[feedPaths.jsonFeed(), edit.row]];
      for (const topic of listOf(this.state.ranker.topicsOf, edit.row)) {
        const slug = manifest.topics[topic]!.slug;
        places.push([feedPaths.topicJsonFeed(slug), indexIn(this.state.ranker.topicRows, topic, edit.row)]);
      }
      for (const [rel, index] of places) {
        if (index >= JSON_FEED_ITEMS) continue;
        this.read<JsonFeed>(rel).items[index] = jsonFeedItem(edit.card, { siteUrl, topicNames });
        feeds.add(rel);
      }
    }
    for (const rel of feeds) files.set(rel, JSON.stringify(this.read<JsonFeed>(rel)));
  }

  private slugRows: Map<string, number> | null = null;

  private rowOfSlug(slug: string): number {
    this.slugRows ??= new Map(this.state.slugs.toArray().map((each, row) => [each, row]));
    return this.slugRows.get(slug) ?? -1;
  }
}

/** The keys of the term shards of the feed in `out` (none when it has no shard folder). */
export function termShardKeys(out: string): Set<string> {
  const dir = path.join(out, path.dirname(feedPaths.termShard('x')));
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return new Set();
  }
  return new Set(names.flatMap((name) => (name.endsWith('.json') ? [name.slice(0, -'.json'.length)] : [])));
}

function cardFields(article: ArticleCard): ArticleCard {
  const { slug, title, excerpt, publishedAt, type, originalUrl, provider, topics, image, heat, quality } = article;
  return { slug, title, excerpt, publishedAt, type, originalUrl, provider, topics, image, heat, quality };
}

/** Where `row` is in an ascending list. */
function indexIn(lists: Lists, list: number, row: number): number {
  return listOf(lists, list).indexOf(row);
}

/** The page, and place on it, of `row` in an ascending list (see list-layout.ts). */
function placeIn(lists: Lists, list: number, row: number): PagePlace {
  return pagePlace(indexIn(lists, list, row), listOf(lists, list).length, LIST_PAGE_SIZE);
}
