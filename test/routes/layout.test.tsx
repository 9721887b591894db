import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { tokenize } from '../../src/feed/text';
import { feedPaths } from '../../src/feed/urls';
import { articleCount, readListCards } from '../support/feed-cards';
import { setupFeedFixture } from '../support/feed-fixture';
import { renderRoute } from '../support/render-route';

const feed = setupFeedFixture();

afterEach(() => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
});

describe('the layout', () => {
  it('offers a skip link to the main content and the main navigation', async () => {
    const { user, router } = renderRoute('/');
    const skip = screen.getByRole('link', { name: 'Skip to content' });
    expect(skip).toHaveAttribute('href', '#main');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');

    const nav = screen.getByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('link', { name: 'Topics' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/topics'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Topics' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Topics' })).toHaveAttribute('aria-current', 'page');
    // Focus moves in an effect after the new page commits, which on a busy machine can come after
    // the heading is found.
    await waitFor(() => expect(screen.getByRole('main')).toHaveFocus());
  });

  it('switches to the dark theme and remembers it', async () => {
    const { user } = renderRoute('/topics');
    const toggle = screen.getByRole('button', { name: 'Dark theme' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');

    await user.click(toggle);
    expect(document.documentElement).toHaveAttribute('data-theme', 'dark');
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(localStorage.getItem('newsstand:theme')).toBe('dark');

    await user.click(toggle);
    expect(document.documentElement).toHaveAttribute('data-theme', 'light');
    expect(localStorage.getItem('newsstand:theme')).toBe('light');
  });
});

describe('a feed that cannot be read', () => {
  it('says so, and recovers on Try again', async () => {
    const cards = await readListCards(feed);
    feed.failPath(feedPaths.start(), 503);
    const { user } = renderRoute('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Something went wrong' })).toBeInTheDocument();
    expect(screen.getByText(/The server had a problem \(error 503\)/)).toBeInTheDocument();

    feed.restorePath(feedPaths.start());
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('article', { name: cards[0]!.title })).toBeInTheDocument();
  });
});

describe('article cards', () => {
  it('prefetch the article when their link is hovered or focused', async () => {
    const cards = await readListCards(feed);
    const { user } = renderRoute('/');
    const link = await screen.findByRole('link', { name: cards[0]!.title });
    expect(feed.requests).not.toContain(`articles/${cards[0]!.slug}.json`);

    await user.hover(link);
    await waitFor(() => expect(feed.requests).toContain(`articles/${cards[0]!.slug}.json`));
  });

  it('link their topics by name to the topic pages', async () => {
    const cards = await readListCards(feed);
    const first = cards.find((card) => card.topics.length > 0)!;
    renderRoute('/');
    const article = await screen.findByRole('article', { name: first.title });
    const topics = within(article).getByRole('list', { name: 'Topics' });
    expect(
      within(topics)
        .getAllByRole('link')
        .map((link) => link.getAttribute('href')),
    ).toEqual(expect.arrayContaining(first.topics.map((slug) => `/topics/${slug}`)));
  });
});

describe('the search box', () => {
  it('searches at once on Enter', async () => {
    const cards = await readListCards(feed);
    // The longest word of the newest title: specific enough to find that article.
    const word = tokenize(cards[0]!.title).sort((a, b) => b.length - a.length)[0]!;
    const { user, router } = renderRoute('/');
    const box = await screen.findByRole('searchbox', { name: 'Search articles' });
    await user.type(box, `${word}{Enter}`);
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('q')).toBe(word));
    expect(await screen.findByRole('article', { name: cards[0]!.title })).toBeInTheDocument();
  });

  it('follows Back to the previous filters', async () => {
    const cards = await readListCards(feed);
    const videos = cards.filter((card) => card.type === 'video');
    const { user, router } = renderRoute('/');
    await screen.findByRole('feed');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'Videos only');
    expect(await screen.findByRole('heading', { level: 2, name: articleCount(videos.length) })).toBeInTheDocument();

    await router.navigate(-1);
    expect(await screen.findByRole('heading', { level: 2, name: articleCount(cards.length) })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Type' })).toHaveValue('');
  });
});
