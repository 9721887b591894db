/** Every card of a built feed, read from its files: the independent truth route tests compare with. */
import { ListPageSchema, ManifestSchema, type ArticleCard, type Manifest } from '../../src/feed/schema';
import { ALL_ARTICLES, feedPaths, type ListRef } from '../../src/feed/urls';
import type { FeedFixture } from './feed-fixture';

/** The fixture, or another build of the feed (see buildFeedVariant). */
type FeedReader = Pick<FeedFixture, 'read'>;

export async function readManifest(feed: FeedReader): Promise<Manifest> {
  return feed.read(feedPaths.manifest(), ManifestSchema);
}

/** All cards of one list, in the list's order, across its shard pages. */
export async function readListCards(feed: FeedReader, list: ListRef = ALL_ARTICLES): Promise<ArticleCard[]> {
  const first = await feed.read(feedPaths.listPage(list, 1), ListPageSchema);
  const cards = [...first.items];
  for (let page = 2; page <= first.pages; page++) {
    cards.push(...(await feed.read(feedPaths.listPage(list, page), ListPageSchema)).items);
  }
  return cards;
}

/** "1 article", "550 articles", as the reader writes counts. */
export function articleCount(count: number): string {
  return `${count.toLocaleString('en')} ${count === 1 ? 'article' : 'articles'}`;
}
