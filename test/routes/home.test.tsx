import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { termShardKey, tokenize } from '../../src/feed/text';
import { feedPaths } from '../../src/feed/urls';
import { articleCount, readListCards, readManifest } from '../support/feed-cards';
import { setupFeedFixture } from '../support/feed-fixture';
import { renderRoute } from '../support/render-route';

const feed = setupFeedFixture();

/** The feed's articles once the shard pages they need have loaded. */
async function feedArticles() {
  const feedElement = await screen.findByRole('feed');
  await waitFor(() => expect(feedElement).toHaveAttribute('aria-busy', 'false'));
  return within(feedElement).getAllByRole('article');
}
const countHeading = (count: number) => screen.findByRole('heading', { level: 2, name: articleCount(count) });
/** The titles of the cards on screen now; null for a card still loading. */
const titlesNow = () =>
  within(screen.getByRole('feed'))
    .getAllByRole('article')
    .map((article) => within(article).queryByRole('heading', { level: 2 })?.textContent ?? null);

describe('the home page', () => {
  it('lists every article, newest first, with the count', async () => {
    const manifest = await readManifest(feed);
    const cards = await readListCards(feed);
    expect(cards).toHaveLength(manifest.articleCount);
    const times = cards.map((card) => Date.parse(card.publishedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    renderRoute('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Latest news' })).toBeInTheDocument();
    expect(await countHeading(cards.length)).toBeInTheDocument();
    const articles = await feedArticles();
    expect(articles.length).toBeGreaterThanOrEqual(3);
    expect(articles.length).toBeLessThan(30);
    expect(articles[0]).toHaveAccessibleName(cards[0]!.title);
    expect(articles[1]).toHaveAccessibleName(cards[1]!.title);
    expect(articles[0]).toHaveAttribute('aria-posinset', '1');
    expect(articles[0]).toHaveAttribute('aria-setsize', String(cards.length));
    expect(within(articles[0]!).getByRole('link', { name: cards[0]!.title })).toHaveAttribute(
      'href',
      `/articles/${cards[0]!.slug}`,
    );
    await waitFor(() => expect(document.title).toBe('Latest news · Newsstand'));
  });

  it('shows the first screen from the start file and one shard: no full manifest, topic list or search index', async () => {
    renderRoute('/');
    const articles = await feedArticles();
    // The cards' topic chips are named from the start file alone.
    expect(within(articles[0]!).getByRole('list', { name: 'Topics' })).toBeInTheDocument();
    expect([...feed.requests].sort()).toEqual([feedPaths.start(), feedPaths.listPage({ kind: 'all' }, 1)].sort());
  });

  it('narrows to a topic, and to either of two, in the list, the count and the URL', async () => {
    const cards = await readListCards(feed);
    const manifest = await readManifest(feed);
    // The largest topic, then the one adding the most articles to it, so each click changes the count.
    const [first] = [...manifest.topics].sort((a, b) => b.count - a.count);
    const added = (slug: string) =>
      cards.filter((card) => card.topics.includes(slug) && !card.topics.includes(first!.slug)).length;
    const second = [...manifest.topics].sort((a, b) => added(b.slug) - added(a.slug))[0]!;
    expect(added(second.slug)).toBeGreaterThan(0);
    const { user, router } = renderRoute('/');
    await feedArticles();

    await user.click(screen.getByRole('checkbox', { name: first!.name }));
    const withFirst = cards.filter((card) => card.topics.includes(first!.slug));
    expect(await countHeading(withFirst.length)).toBeInTheDocument();
    expect(router.state.location.search).toBe(`?topic=${first!.slug}`);
    await waitFor(() => expect(titlesNow()[0]).toBe(withFirst[0]!.title));

    await user.click(screen.getByRole('checkbox', { name: second!.name }));
    const withEither = cards.filter((card) => card.topics.includes(first!.slug) || card.topics.includes(second!.slug));
    expect(await countHeading(withEither.length)).toBeInTheDocument();
    expect(router.state.location.search).toBe(`?topic=${first!.slug}&topic=${second!.slug}`);
    await waitFor(() => expect(titlesNow()[0]).toBe(withEither[0]!.title));
  });

  it('searches titles and excerpts as the reader types, every word, the last as a prefix', async () => {
    const cards = await readListCards(feed);
    const words = (card: (typeof cards)[number]) => tokenize(`${card.title} ${card.excerpt}`);
    const { user, router } = renderRoute('/');
    await feedArticles();

    await user.type(screen.getByRole('searchbox', { name: 'Search articles' }), 'power portal');
    const expected = cards.filter(
      (card) => words(card).includes('power') && words(card).some((word) => word.startsWith('portal')),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(await countHeading(expected.length)).toBeInTheDocument();
    expect(router.state.location.search).toBe('?q=power+portal');
    await waitFor(() => expect(titlesNow()[0]).toBe(expected[0]!.title));
  });

  it('keeps what the reader typed while an earlier search is still loading', async () => {
    const release = feed.hangPath(feedPaths.facetIndex());
    const { user, router } = renderRoute('/');
    await feedArticles();
    const box = screen.getByRole('searchbox', { name: 'Search articles' });
    await user.type(box, 'pow');
    await waitFor(() => expect(router.state.navigation.location?.search).toBe('?q=pow'));
    await user.type(box, 'er');
    release();
    await waitFor(() => expect(router.state.location.search).toBe('?q=power'));
    expect(box).toHaveValue('power');
  });

  it('loads the term shard while the reader is still typing, then shows and announces the count', async () => {
    const videos = (await readListCards(feed)).filter((card) => card.type === 'video');
    const expected = videos.filter((card) => tokenize(`${card.title} ${card.excerpt}`).some((w) => w.startsWith('po')));
    expect(expected.length).toBeGreaterThan(0);
    const shard = feedPaths.termShard(termShardKey('po'));
    // The facet index is loaded: the search box's pause is all the time the shard has.
    const { user, router } = renderRoute('/?type=video');
    expect(await countHeading(videos.length)).toBeInTheDocument();
    expect(feed.requests).not.toContain(shard);
    // The feed files fetched by the time the search starts (the URL gets the query).
    let fetchedWhenSearched: string[] | null = null;
    const unsubscribe = router.subscribe((state) => {
      const search = (state.navigation.location ?? state.location).search;
      if (fetchedWhenSearched === null && search.includes('q=')) fetchedWhenSearched = [...feed.requests];
    });

    await user.type(screen.getByRole('searchbox', { name: 'Search articles' }), 'po');
    const heading = await countHeading(expected.length);
    unsubscribe();
    expect(fetchedWhenSearched).toContain(shard);
    expect(heading).toHaveAttribute('aria-live', 'polite');
    expect(router.state.location.search).toBe('?type=video&q=po');
  });

  it('keeps every other filter when one changes', async () => {
    const manifest = await readManifest(feed);
    const [topic] = [...manifest.topics].sort((a, b) => b.count - a.count);
    const { user, router } = renderRoute('/');
    await feedArticles();
    const topicBox = () => screen.getByRole('checkbox', { name: topic!.name });
    const select = (name: string) => screen.getByRole('combobox', { name });

    // Each step waits for the page to show the change, as a reader would before the next.
    await user.click(topicBox());
    await waitFor(() => expect(topicBox()).toBeChecked());
    await user.selectOptions(select('Type'), 'Videos only');
    await waitFor(() => expect(select('Type')).toHaveValue('video'));
    await user.selectOptions(select('Sort by'), 'Trending');
    await waitFor(() => expect(select('Sort by')).toHaveValue('trending'));
    expect(topicBox()).toBeChecked();
    expect(router.state.location.search).toBe(`?topic=${topic!.slug}&type=video&sort=trending`);

    await user.click(topicBox());
    await waitFor(() => expect(topicBox()).not.toBeChecked());
    expect(select('Type')).toHaveValue('video');
    expect(select('Sort by')).toHaveValue('trending');
    expect(router.state.location.search).toBe('?type=video&sort=trending');
  });

  it('shows only videos for type=video', async () => {
    const videos = (await readListCards(feed)).filter((card) => card.type === 'video');
    expect(videos.length).toBeGreaterThan(0);
    const { user, router } = renderRoute('/');
    await feedArticles();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'Videos only');
    expect(await countHeading(videos.length)).toBeInTheDocument();
    expect(router.state.location.search).toBe('?type=video');
    for (const article of await feedArticles()) expect(within(article).getByText('Video')).toBeInTheDocument();
  });

  it('keeps a date range, both days included', async () => {
    const cards = await readListCards(feed);
    const day = cards[Math.floor(cards.length / 2)]!.publishedAt.slice(0, 10);
    const expected = cards.filter((card) => card.publishedAt.slice(0, 10) === day);
    renderRoute(`/?from=${day}&to=${day}`);
    expect(await countHeading(expected.length)).toBeInTheDocument();
    expect(screen.getByLabelText('From')).toHaveValue(day);
  });

  it('orders by heat for trending', async () => {
    const cards = await readListCards(feed);
    const hottest = cards.reduce((best, card) => ((card.heat ?? -1) > (best.heat ?? -1) ? card : best));
    const { user } = renderRoute('/');
    await feedArticles();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'Trending');
    await waitFor(() => expect(titlesNow()[0]).toBe(hottest.title));
  });

  it('clears every filter at once', async () => {
    const manifest = await readManifest(feed);
    const { user, router } = renderRoute('/?type=video&sort=quality');
    await user.click(await screen.findByRole('button', { name: 'Clear all' }));
    expect(await countHeading(manifest.articleCount)).toBeInTheDocument();
    expect(router.state.location.search).toBe('');
    expect(screen.getByRole('combobox', { name: 'Type' })).toHaveValue('');
  });

  it('says when nothing matches and offers a way out', async () => {
    const manifest = await readManifest(feed);
    const { user } = renderRoute('/?q=qqqxyzzy');
    expect(await screen.findByText('No articles match these filters')).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search articles' })).toHaveValue('qqqxyzzy');
    await user.click(screen.getByRole('button', { name: 'Clear all filters' }));
    expect(await countHeading(manifest.articleCount)).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search articles' })).toHaveValue('');
  });

  it('shows an error with a Retry that recovers when a list shard fails', async () => {
    const cards = await readListCards(feed);
    const firstPage = feedPaths.listPage({ kind: 'all' }, 1);
    feed.failPath(firstPage);
    const { user } = renderRoute('/');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Some articles could not be loaded');

    feed.restorePath(firstPage);
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(async () => expect((await feedArticles())[0]).toHaveAccessibleName(cards[0]!.title));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a skeleton while the search index loads', async () => {
    const videos = (await readListCards(feed)).filter((card) => card.type === 'video');
    const release = feed.hangPath(feedPaths.facetIndex());
    renderRoute('/?type=video');
    expect(await screen.findByRole('status')).toHaveTextContent('Loading articles');
    release();
    expect(await countHeading(videos.length)).toBeInTheDocument();
  });

  it('shows an error with a Retry when the search index fails', async () => {
    feed.failPath(feedPaths.facetIndex());
    const { user } = renderRoute('/?type=video');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The articles could not be loaded');
    feed.restorePath(feedPaths.facetIndex());
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('feed')).toBeInTheDocument();
  });
});
