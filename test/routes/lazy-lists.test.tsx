/**
 * The lists that grow with the feed (every topic, every news provider) load only in the views
 * that show them, each with its own loading and error state; the home page never waits for them.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FeedStartSchema, ListPageSchema, TopicListSchema } from '../../src/feed/schema';
import { feedPaths, type ListRef } from '../../src/feed/urls';
import { articleCount, readManifest } from '../support/feed-cards';
import { setupFeedFixture } from '../support/feed-fixture';
import { renderRoute } from '../support/render-route';

const feed = setupFeedFixture();

const countHeading = (count: number) => screen.findByRole('heading', { level: 2, name: articleCount(count) });
const topicCheckboxes = () =>
  within(screen.getByRole('group', { name: 'Topics' })).getAllByRole('checkbox', { name: /./ });

async function homeShown() {
  const start = await feed.read(feedPaths.start(), FeedStartSchema);
  const view = renderRoute('/');
  expect(await countHeading(start.articleCount)).toBeInTheDocument();
  return view;
}

describe('the news provider filter', () => {
  it('loads every news provider only once the reader reaches for it, then filters by one', async () => {
    const manifest = await readManifest(feed);
    const provider = [...manifest.providers].sort((a, b) => b.count - a.count)[0]!;
    const { user, router } = await homeShown();
    const select = screen.getByRole('combobox', { name: 'News provider' });
    expect(within(select).getByRole('option', { name: 'Loading news providers…' })).toBeDisabled();
    expect(feed.requests).not.toContain(feedPaths.manifest());

    await user.click(select);
    expect(await within(select).findByRole('option', { name: provider.name })).toBeInTheDocument();
    expect(within(select).getAllByRole('option')).toHaveLength(manifest.providers.length + 1);
    await user.selectOptions(select, provider.name);
    await waitFor(() => expect(router.state.location.search).toBe(`?provider=${provider.slug}`));
    expect(await countHeading(provider.count)).toBeInTheDocument();
  });

  it('says when they cannot be loaded, and tries again when the reader comes back to it', async () => {
    const manifest = await readManifest(feed);
    feed.failPath(feedPaths.manifest());
    const { user } = await homeShown();
    const select = screen.getByRole('combobox', { name: 'News provider' });
    await user.click(select);
    expect(await within(select).findByRole('option', { name: 'News providers could not be loaded' })).toBeDisabled();

    feed.restorePath(feedPaths.manifest());
    await user.tab();
    await user.click(select);
    expect(await within(select).findByRole('option', { name: manifest.providers[0]!.name })).toBeInTheDocument();
  });

  it('offers every news provider only once the reader reaches for it, even when a search has loaded them', async () => {
    const manifest = await readManifest(feed);
    const { user } = renderRoute('/?type=video');
    await waitFor(() => expect(feed.requests).toContain(feedPaths.manifest()));
    expect(await screen.findByRole('heading', { level: 2, name: /articles?$/ })).toBeInTheDocument();
    const select = screen.getByRole('combobox', { name: 'News provider' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['All news providers']);

    await user.click(select);
    expect(await within(select).findByRole('option', { name: manifest.providers[0]!.name })).toBeInTheDocument();
    expect(within(select).getAllByRole('option')).toHaveLength(manifest.providers.length + 1);
  });

  it('keeps a news provider chosen in the address, named once the list arrives', async () => {
    const manifest = await readManifest(feed);
    const provider = manifest.providers[0]!;
    renderRoute(`/?provider=${provider.slug}`);
    expect(await countHeading(provider.count)).toBeInTheDocument();
    const select = screen.getByRole('combobox', { name: 'News provider' });
    await waitFor(() =>
      expect(within(select).getByRole('option', { name: provider.name, selected: true })).toBeTruthy(),
    );
  });
});

describe('the topic filter', () => {
  it('offers the largest topics from the start file, and every topic when asked', async () => {
    const start = await feed.read(feedPaths.start(), FeedStartSchema);
    const { topics } = await feed.read(feedPaths.topics(), TopicListSchema);
    expect(topics.length).toBeGreaterThan(12);
    const { user } = await homeShown();
    expect(topicCheckboxes()).toHaveLength(12);
    expect(feed.requests).not.toContain(feedPaths.topics());

    await user.click(screen.getByRole('button', { name: `All ${start.topicCount} topics` }));
    await waitFor(() => expect(topicCheckboxes()).toHaveLength(topics.length));
    const smallest = topics.at(-1)!;
    expect(screen.getByRole('checkbox', { name: smallest.name })).not.toBeChecked();
  });

  it('offers a retry when every topic cannot be loaded', async () => {
    const start = await feed.read(feedPaths.start(), FeedStartSchema);
    const { topics } = await feed.read(feedPaths.topics(), TopicListSchema);
    expect(topics.length).toBeGreaterThan(start.topics.length);
    feed.failPath(feedPaths.topics());
    const { user } = await homeShown();
    await user.click(screen.getByRole('button', { name: /^All \d+ topics$/ }));
    const retry = await screen.findByRole('button', { name: 'The other topics could not be loaded: retry' });
    // The topics the start file names stay on offer.
    expect(topicCheckboxes()).toHaveLength(start.topics.length);

    feed.restorePath(feedPaths.topics());
    await user.click(retry);
    await waitFor(() => expect(topicCheckboxes()).toHaveLength(topics.length));
    expect(screen.queryByRole('button', { name: /could not be loaded/ })).not.toBeInTheDocument();
  });
});

describe('the topics page', () => {
  it('shows its skeleton while every topic loads, then the topics', async () => {
    const { topics } = await feed.read(feedPaths.topics(), TopicListSchema);
    const release = feed.hangPath(feedPaths.topics());
    const { container } = renderRoute('/topics');
    await waitFor(() => expect(feed.requests).toContain(feedPaths.topics()));
    expect(screen.queryByRole('heading', { level: 1 })).not.toBeInTheDocument();
    expect(container.querySelector('[class*="skeleton" i]')).not.toBeNull();

    release();
    expect(await screen.findByRole('heading', { level: 1, name: 'Topics' })).toBeInTheDocument();
    expect(within(screen.getByRole('main')).getAllByRole('link', { name: /\d articles?$/ })).toHaveLength(
      topics.length,
    );
  });

  it('says when the topics cannot be loaded, and recovers on Try again', async () => {
    const { topics } = await feed.read(feedPaths.topics(), TopicListSchema);
    feed.failPath(feedPaths.topics(), 500);
    const { user } = renderRoute('/topics');
    expect(await screen.findByRole('heading', { level: 1, name: 'Something went wrong' })).toBeInTheDocument();
    expect(screen.getByText(/The server had a problem \(error 500\)/)).toBeInTheDocument();

    feed.restorePath(feedPaths.topics());
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: new RegExp(`^${topics[0]!.name} `) })).toBeInTheDocument();
  });
});

describe('a topic page', () => {
  it('names its topic from the topic list, and fails with a way to retry', async () => {
    const { topics } = await feed.read(feedPaths.topics(), TopicListSchema);
    const topic = topics.at(-1)!;
    feed.failPath(feedPaths.topics(), 503);
    const { user } = renderRoute(`/topics/${topic.slug}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Something went wrong' })).toBeInTheDocument();

    feed.restorePath(feedPaths.topics());
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: topic.name })).toBeInTheDocument();
    expect(screen.getByText(`${articleCount(topic.count)} on this topic`)).toBeInTheDocument();
    expect(await countHeading(topic.count)).toBeInTheDocument();
  });
});

describe('a news provider page', () => {
  const pageOf = (slug: string) => feedPaths.listPage({ kind: 'provider', slug } satisfies ListRef, 1);

  it('needs only its own list, not every news provider', async () => {
    const manifest = await readManifest(feed);
    const provider = manifest.providers.at(-1)!;
    renderRoute(`/providers/${provider.slug}`);
    expect(await screen.findByRole('heading', { level: 1, name: provider.name })).toBeInTheDocument();
    expect(screen.getByText(`${provider.domain} · ${articleCount(provider.count)}`)).toBeInTheDocument();
    expect(await countHeading(provider.count)).toBeInTheDocument();
    expect(feed.requests).not.toContain(feedPaths.manifest());
  });

  it('shows its skeleton while its list loads, and fails with a way to retry', async () => {
    const manifest = await readManifest(feed);
    const provider = manifest.providers[0]!;
    const first = await feed.read(pageOf(provider.slug), ListPageSchema);
    const release = feed.hangPath(pageOf(provider.slug));
    const { container, unmount } = renderRoute(`/providers/${provider.slug}`);
    await waitFor(() => expect(feed.requests).toContain(pageOf(provider.slug)));
    expect(container.querySelector('[class*="skeleton" i]')).not.toBeNull();
    release();
    expect(await screen.findByRole('heading', { level: 1, name: provider.name })).toBeInTheDocument();
    unmount();

    feed.failPath(pageOf(provider.slug), 500);
    const { user } = renderRoute(`/providers/${provider.slug}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Something went wrong' })).toBeInTheDocument();
    feed.restorePath(pageOf(provider.slug));
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('article', { name: first.items[0]!.title })).toBeInTheDocument();
  });
});
