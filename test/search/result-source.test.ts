/**
 * Where the reader looks for the i-th result's card, against the pages the builder wrote for the
 * real sample corpus: every position of a list, and every row of the search index, must find its
 * own card on the page and at the place the reader computes (see src/feed/list-layout.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFeed } from '../../src/builder/build-feed';
import { listSource, rowSource } from '../../src/features/search/utils/result-source';
import { listPageCount, listTotal } from '../../src/feed/list-layout';
import {
  FacetIndexSchema,
  FeedStartSchema,
  ListPageSchema,
  TopicListSchema,
  type ArticleCard,
} from '../../src/feed/schema';
import { feedPaths, type ListRef } from '../../src/feed/urls';
import { CONTENT_DIR, readFeedFile, tempDir } from '../builder/helpers';

let out: string;

beforeAll(async () => {
  out = tempDir();
  await buildFeed({ contentDirs: [CONTENT_DIR], outDir: out, includeUnpublished: true });
}, 120_000);

/** Every page of a list as the builder wrote it, by page number. */
function pagesOf(list: ListRef): Map<number, ArticleCard[]> {
  const first = readFeedFile(out, feedPaths.listPage(list, 1), ListPageSchema);
  const pages = new Map([[1, first.items]]);
  for (let page = 2; page <= first.pages; page++)
    pages.set(page, readFeedFile(out, feedPaths.listPage(list, page), ListPageSchema).items);
  return pages;
}

/** The list's cards in the order the reader shows them, each found where `locate` says. */
function cardsAsLocated(list: ListRef): ArticleCard[] {
  const pages = pagesOf(list);
  const { pageSize } = readFeedFile(out, feedPaths.start(), FeedStartSchema);
  const total = listTotal(readFeedFile(out, feedPaths.listPage(list, 1), ListPageSchema));
  const source = listSource(list, total, pageSize);
  return Array.from({ length: total }, (_, index) => {
    const { page, offset } = source.locate(index);
    return pages.get(page)![offset]!;
  });
}

describe('where the reader finds a card', () => {
  it('finds each article of a list once, newest first, on every page of it', () => {
    const { topics } = readFeedFile(out, feedPaths.topics(), TopicListSchema);
    const lists: ListRef[] = [
      { kind: 'all' },
      ...topics.slice(0, 3).map((topic) => ({ kind: 'topic' as const, slug: topic.slug })),
    ];
    const { pageSize } = readFeedFile(out, feedPaths.start(), FeedStartSchema);
    expect(
      listPageCount(listTotal(readFeedFile(out, feedPaths.listPage({ kind: 'all' }, 1), ListPageSchema)), pageSize),
    ).toBeGreaterThan(2);
    for (const list of lists) {
      const cards = cardsAsLocated(list);
      const onPages = [...pagesOf(list).values()].flat();
      expect(new Set(cards.map((card) => card.slug)).size, list.kind).toBe(cards.length);
      expect(new Set(cards)).toEqual(new Set(onPages));
      const times = cards.map((card) => Date.parse(card.publishedAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
  });

  it('finds the card of each row of the search index', () => {
    const facets = readFeedFile(out, feedPaths.facetIndex(), FacetIndexSchema);
    const { pageSize } = readFeedFile(out, feedPaths.start(), FeedStartSchema);
    const pages = pagesOf({ kind: 'all' });
    const rows = Array.from({ length: facets.count }, (_, row) => facets.count - 1 - row);
    const source = rowSource(rows, facets.count, pageSize);
    rows.forEach((row, index) => {
      const { page, offset } = source.locate(index);
      const card = pages.get(page)![offset]!;
      expect(Math.floor(Date.parse(card.publishedAt) / 60_000)).toBe(facets.publishedMinute[row]);
      expect(card.heat ?? -1).toBe(facets.heat[row]);
    });
  });
});
