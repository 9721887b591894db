import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
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

describe('the topics page', () => {
  it('lists every topic with its count, counted from the articles themselves', async () => {
    const manifest = await readManifest(feed);
    const cards = await readListCards(feed);
    renderRoute('/topics');

    expect(await screen.findByRole('heading', { level: 1, name: 'Topics' })).toBeInTheDocument();
    const main = screen.getByRole('main');
    for (const topic of manifest.topics) {
      const count = cards.filter((card) => card.topics.includes(topic.slug)).length;
      const link = within(main).getByRole('link', { name: `${topic.name} ${articleCount(count)}` });
      expect(link).toHaveAttribute('href', `/topics/${topic.slug}`);
    }
    await waitFor(() => expect(document.title).toBe('Topics · Newsstand'));
  });

  it('opens a topic page from its link', async () => {
    const cards = await readListCards(feed);
    const portals = cards.filter((card) => card.topics.includes('portals'));
    const { user } = renderRoute('/topics');

    await user.click(await screen.findByRole('link', { name: /^Portals/ }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Portals' })).toBeInTheDocument();
    expect(screen.getByText(`${articleCount(portals.length)} on this topic`)).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 2, name: articleCount(portals.length) })).toBeInTheDocument();
    expect((await feedArticles())[0]).toHaveAccessibleName(portals[0]!.title);
  });
});

describe('a topic page', () => {
  it('combines its topic with other filters', async () => {
    const cards = await readListCards(feed);
    const { user, router } = renderRoute('/topics/portals');
    await feedArticles();
    // The page's own topic is fixed, not offered as a filter.
    expect(screen.queryByRole('checkbox', { name: 'Portals' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Power Apps' }));
    const both = cards.filter((card) => card.topics.includes('portals') && card.topics.includes('power-apps'));
    await waitFor(() => expect(router.state.location.search).toBe('?topic=power-apps'));
    // The page shows the new filters (a navigation renders in a transition, after the URL moves).
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Power Apps' })).toBeChecked());
    expect(router.state.location.pathname).toBe('/topics/portals');
    expect(await screen.findByRole('heading', { level: 2, name: articleCount(both.length) })).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'Videos only');
    const videos = both.filter((card) => card.type === 'video');
    await waitFor(() => expect(router.state.location.search).toBe('?topic=power-apps&type=video'));
    expect(await screen.findByRole('heading', { level: 2, name: articleCount(videos.length) })).toBeInTheDocument();
  });

  it('is a 404 for an unknown topic', async () => {
    renderRoute('/topics/no-such-topic');
    expect(await screen.findByRole('heading', { level: 1, name: 'Topic not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the latest news' })).toHaveAttribute('href', '/');
    await waitFor(() => expect(document.title).toBe('Topic not found · Newsstand'));
  });
});

describe('a news provider page', () => {
  it('shows the provider with its domain, count and articles', async () => {
    const manifest = await readManifest(feed);
    const cards = await readListCards(feed);
    const provider = [...manifest.providers].sort((a, b) => b.count - a.count)[1]!;
    const theirs = cards.filter((card) => card.provider.slug === provider.slug);
    expect(theirs.length).toBeGreaterThan(1);
    renderRoute(`/providers/${provider.slug}`);

    expect(await screen.findByRole('heading', { level: 1, name: provider.name })).toBeInTheDocument();
    expect(screen.getByText(`${provider.domain} · ${articleCount(theirs.length)}`)).toBeInTheDocument();
    const articles = await feedArticles();
    expect(articles[0]).toHaveAccessibleName(theirs[0]!.title);
    expect(articles).toHaveLength(Math.min(articles.length, theirs.length));
    expect(screen.queryByRole('combobox', { name: 'News provider' })).not.toBeInTheDocument();
  });

  it('is a 404 for an unknown provider', async () => {
    renderRoute('/providers/no-such-provider');
    expect(await screen.findByRole('heading', { level: 1, name: 'News provider not found' })).toBeInTheDocument();
  });
});

describe('an unknown address', () => {
  it('shows the 404 page inside the layout', async () => {
    renderRoute('/no/such/page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(screen.getByText('404')).toBeInTheDocument();
  });
});
