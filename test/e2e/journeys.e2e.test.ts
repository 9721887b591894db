/**
 * The reader's main journeys in Chromium, on the production build: filter, read, follow a
 * related story, come back to the same place in the list, go to the publisher; search; a news
 * provider's page; not-found pages.
 */
import { describe, expect, it } from 'vitest';
import { paths } from '../../src/app/paths';
import { tokenize } from '../../src/feed/text';
import { ALL_ARTICLES, feedPaths, feedUrl } from '../../src/feed/urls';
import { baseUrl, openRoute, routeOf, waitForApp } from './support/browser';
import { readArticle, readList, readManifest, UNKNOWN_SLUG } from './support/feed';
import {
  articleCount,
  backToTopicList,
  cardHrefsInView,
  cardLink,
  expectHeading,
  settledScrollY,
  toggleCheckbox,
} from './support/page';
import { setUpPageSession } from './support/page-session';
import { sampleTopic } from './support/routes';

const session = setUpPageSession();

describe('first view', () => {
  it('of the home page fetches the start file and one list page of the feed, nothing that grows with it', async () => {
    const feedFolder = new URL(feedUrl(new URL(baseUrl).pathname, ''), baseUrl).href;
    const feedFiles: string[] = [];
    session.page.on('request', (request) => {
      // Data files only: provider logos under feed/logos/ are images, like the publishers' images.
      const { href, pathname } = new URL(request.url());
      if (href.startsWith(feedFolder) && pathname.endsWith('.json')) feedFiles.push(href.slice(feedFolder.length));
    });
    await openRoute(session.page, paths.home());
    await session.page.locator('[role=feed] article:not([aria-busy=true])').first().waitFor();
    await session.page.waitForLoadState('networkidle');
    expect(feedFiles.sort()).toEqual([feedPaths.start(), feedPaths.listPage(ALL_ARTICLES, 1)].sort());
  });
});

describe('main journey', () => {
  it('filters by topic, reads an article, follows a related one, comes back to the same list and scroll position, and reads on at the publisher', async () => {
    const topic = sampleTopic();
    const topicCards = readList({ kind: 'topic', slug: topic.slug });

    await openRoute(session.page, paths.home());
    await expectHeading(session.page, 'Latest news');
    await toggleCheckbox(session.page.getByRole('checkbox', { name: topic.name, exact: true }), true);
    await expect.poll(() => routeOf(session.page)).toBe(`/?topic=${topic.slug}`);
    await session.page.getByRole('heading', { level: 2, name: articleCount(topic.count), exact: true }).waitFor();
    expect(topicCards).toHaveLength(topic.count);

    // Far enough down that restoring to the top would be caught.
    await session.page.mouse.move(640, 500);
    await session.page.mouse.wheel(0, 900);
    await expect.poll(() => session.page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
    const scrollY = await settledScrollY(session.page);
    const inView = await cardHrefsInView(session.page);
    const card = topicCards.find(
      (c) => inView.includes(paths.article(c.slug)) && readArticle(c.slug).related.some((item) => item.slug !== null),
    );
    if (!card) throw new Error(`No card in view has an internal related article; in view: ${inView.join(' | ')}`);
    const article = readArticle(card.slug);
    const related = article.related.find((item) => item.slug !== null)!;

    await cardLink(session.page, card).click();
    await expectHeading(session.page, article.title);
    expect(routeOf(session.page)).toBe(paths.article(article.slug));

    await session.page
      .getByRole('region', { name: 'Related articles' })
      .getByRole('link', { name: related.title, exact: true })
      .click();
    await expectHeading(session.page, related.title);
    expect(routeOf(session.page)).toBe(paths.article(related.slug!));

    await backToTopicList(session.page, article.title, topic);
    await session.page.getByRole('heading', { level: 2, name: articleCount(topic.count), exact: true }).waitFor();
    await expect.poll(() => session.page.evaluate(() => window.scrollY)).toBeGreaterThan(scrollY - 24);
    expect(Math.abs((await settledScrollY(session.page)) - scrollY)).toBeLessThanOrEqual(24);
    expect(await cardHrefsInView(session.page)).toContain(paths.article(card.slug));

    await session.page.goForward();
    await expectHeading(session.page, article.title);
    const readOn = session.page.getByRole('link', {
      name: new RegExp(`^Read on ${escapeRegExp(article.provider.name)}\\b`),
    });
    expect(await readOn.getAttribute('href')).toBe(article.originalUrl);
    expect(await readOn.getAttribute('target')).toBe('_blank');
    expect((await readOn.getAttribute('rel'))?.split(/\s+/)).toEqual(
      expect.arrayContaining(['noopener', 'noreferrer']),
    );
    const [publisherTab] = await Promise.all([session.context.waitForEvent('page'), readOn.click()]);
    await publisherTab.waitForLoadState('domcontentloaded');
    expect(publisherTab.url()).toBe(new URL(article.originalUrl).href);
    expect(await publisherTab.evaluate(() => window.opener)).toBeNull();
    expect(session.externalRequests).toContain(new URL(article.originalUrl).href);
    expect(routeOf(session.page)).toBe(paths.article(article.slug));
  });
});

describe('search', () => {
  it('narrows the list as the reader types, keeps the query in the URL, and clears', async () => {
    const all = readList();
    const term = searchableWord(all.map((card) => `${card.title} ${card.excerpt}`));
    const expected = all.filter((card) =>
      tokenize(`${card.title} ${card.excerpt}`).some((word) => word.startsWith(term)),
    );

    await openRoute(session.page, paths.home());
    await session.page.getByRole('heading', { level: 2, name: articleCount(all.length), exact: true }).waitFor();
    await session.page.getByRole('searchbox', { name: 'Search articles' }).pressSequentially(term, { delay: 30 });
    await session.page.getByRole('heading', { level: 2, name: articleCount(expected.length), exact: true }).waitFor();
    expect(new URL(session.page.url()).searchParams.get('q')).toBe(term);
    await cardLink(session.page, expected[0]!).waitFor();

    await session.page.getByRole('button', { name: 'Clear all' }).click();
    await session.page.getByRole('heading', { level: 2, name: articleCount(all.length), exact: true }).waitFor();
    expect(routeOf(session.page)).toBe('/');
    expect(await session.page.getByRole('searchbox', { name: 'Search articles' }).inputValue()).toBe('');
  });
});

describe('news provider page', () => {
  it('is reached from an article’s provider badge and lists that provider’s articles', async () => {
    const provider = [...readManifest().providers].filter((p) => p.count > 1).sort((a, b) => a.count - b.count)[0]!;
    const cards = readList({ kind: 'provider', slug: provider.slug });
    expect(cards).toHaveLength(provider.count);

    await openRoute(session.page, paths.article(cards[0]!.slug));
    await session.page.getByRole('main').getByRole('link', { name: provider.name, exact: true }).first().click();
    await expectHeading(session.page, provider.name);
    expect(routeOf(session.page)).toBe(paths.provider(provider.slug));
    await session.page.getByText(provider.domain, { exact: false }).first().waitFor();
    await session.page.getByRole('heading', { level: 2, name: articleCount(provider.count), exact: true }).waitFor();
    for (const card of cards.slice(0, 3)) {
      await cardLink(session.page, card).waitFor();
    }
    expect(await session.page.title()).toContain(provider.name);
  });
});

describe('theme', () => {
  it('follows the system, and the toggle switches theme and persists across a reload', async () => {
    await openRoute(session.page, paths.home());
    const theme = () => session.page.evaluate(() => document.documentElement.dataset.theme);
    expect(await theme()).toBe('light');
    const toggle = session.page.getByRole('button', { name: 'Dark theme' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await theme()).toBe('dark');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await session.page.reload();
    await expectHeading(session.page, 'Latest news');
    // The snapshot's toggle does nothing until the app has replaced it.
    await waitForApp(session.page);
    expect(await theme()).toBe('dark');
    await session.page.getByRole('button', { name: 'Dark theme' }).click();
    expect(await theme()).toBe('light');
  });
});

describe('not found', () => {
  it.each([
    ['an unknown route', '/no-such-page/here', 'Page not found'],
    ['an unknown article', paths.article(UNKNOWN_SLUG), 'Article not found'],
    ['an unknown topic', paths.topic('no-such-topic-e2e'), 'Topic not found'],
    ['an unknown news provider', paths.provider('no-such-provider-e2e'), 'News provider not found'],
  ])('shows a 404 page for %s, with a way home', async (_, path, heading) => {
    await openRoute(session.page, path);
    await expectHeading(session.page, heading);
    expect(routeOf(session.page)).toBe(path);
    expect(await session.page.title()).toContain(heading);
    await session.page.getByRole('link', { name: 'Go to the latest news' }).click();
    await expectHeading(session.page, 'Latest news');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A word of 5+ letters that is in a few of the texts but not most: a realistic query. */
function searchableWord(texts: string[]): string {
  const counts = new Map<string, number>();
  for (const text of texts) for (const word of new Set(tokenize(text))) counts.set(word, (counts.get(word) ?? 0) + 1);
  const candidates = [...counts].filter(([word, n]) => word.length >= 5 && /^[a-z]+$/.test(word) && n >= 3 && n <= 15);
  candidates.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (!candidates[0]) throw new Error('No word in the feed suits a search test.');
  return candidates[0][0];
}
