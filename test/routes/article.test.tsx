import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ArticleDetailSchema, ManifestSchema } from '../../src/feed/schema';
import { feedPaths } from '../../src/feed/urls';
import { setupFeedFixture } from '../support/feed-fixture';
import { renderRoute } from '../support/render-route';

const feed = setupFeedFixture();

const SEED =
  '2023-10-20-governing-the-ml-lifecycle-at-scale-part-1-a-framework-for-architecting-ml-workloads-using-amazon-sagemaker';
const VIDEO = '2019-08-19-microsoft-power-apps-2019-release-wave-2-overview';

const readArticle = async (slug: string) => (await feed.read(feedPaths.article(slug), ArticleDetailSchema)).article;

describe('the article page', () => {
  it('shows the seed article with its way to the publisher', async () => {
    const article = await readArticle(SEED);
    renderRoute(`/articles/${SEED}`);

    expect(await screen.findByRole('heading', { level: 1, name: article.title })).toBeInTheDocument();
    const readOn = screen.getByRole('link', { name: 'Read on AWS (opens in a new tab)' });
    expect(readOn).toHaveAttribute('href', article.originalUrl);
    expect(readOn).toHaveAttribute('target', '_blank');
    expect(readOn).toHaveAttribute('rel', 'noopener noreferrer');
    expect(screen.getByText(article.excerpt.trim(), { exact: false })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'AWS' })).toHaveAttribute('href', `/providers/${article.provider.slug}`);
    await waitFor(() => expect(document.title).toBe(`${article.title} · Newsstand`));
  });

  it('links its topics by name to their pages', async () => {
    const article = await readArticle(SEED);
    const manifest = await feed.read(feedPaths.manifest(), ManifestSchema);
    renderRoute(`/articles/${SEED}`);

    const topics = await screen.findByRole('list', { name: 'Topics' });
    for (const slug of article.topics) {
      const name = manifest.topics.find((topic) => topic.slug === slug)?.name ?? slug;
      expect(await within(topics).findByRole('link', { name })).toHaveAttribute('href', `/topics/${slug}`);
    }
  });

  it('lists related articles, inside the app when the feed has them', async () => {
    const article = await readArticle(SEED);
    const internal = article.related.filter((item) => item.slug !== null);
    expect(internal.length).toBeGreaterThan(0);
    renderRoute(`/articles/${SEED}`);

    const related = await screen.findByRole('region', { name: 'Related articles' });
    expect(within(related).getAllByRole('listitem')).toHaveLength(article.related.length);
    for (const item of internal) {
      const link = within(related).getByRole('link', { name: item.title });
      expect(link).toHaveAttribute('href', `/articles/${item.slug}`);
      expect(link).not.toHaveAttribute('target');
    }
  });

  it('sends related articles from elsewhere to their publisher, in a new tab', async () => {
    const slug = '2023-10-19-nvidia-gives-robotics-a-major-upgrade';
    const external = (await readArticle(slug)).related.find((item) => item.slug === null)!;
    renderRoute(`/articles/${slug}`);

    const related = await screen.findByRole('region', { name: 'Related articles' });
    const link = within(related).getByRole('link', { name: `${external.title} (opens in a new tab)` });
    expect(link).toHaveAttribute('href', external.url);
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('opens a related article in the app', async () => {
    const article = await readArticle(SEED);
    const target = article.related.find((item) => item.slug !== null)!;
    const { user } = renderRoute(`/articles/${SEED}`);

    const related = await screen.findByRole('region', { name: 'Related articles' });
    await user.click(within(related).getByRole('link', { name: target.title }));
    expect(await screen.findByRole('heading', { level: 1, name: target.title })).toBeInTheDocument();
  });

  it('fetches a related article ahead when the pointer rests on it', async () => {
    const article = await readArticle(SEED);
    const target = article.related.find((item) => item.slug !== null)!;
    const { user } = renderRoute(`/articles/${SEED}`);

    const related = await screen.findByRole('region', { name: 'Related articles' });
    await user.hover(within(related).getByRole('link', { name: target.title }));
    await waitFor(() => expect(feed.requests).toContain(feedPaths.article(target.slug!)));
  });

  it('moves the related carousel with Previous and Next', async () => {
    const article = await readArticle(SEED);
    expect(article.related.length).toBeGreaterThan(1);
    const { user } = renderRoute(`/articles/${SEED}`);

    const related = await screen.findByRole('region', { name: 'Related articles' });
    const previous = within(related).getByRole('button', { name: 'Previous' });
    const next = within(related).getByRole('button', { name: 'Next' });
    expect(previous).toBeDisabled();
    for (let step = 1; step < article.related.length; step += 1) await user.click(next);
    expect(next).toBeDisabled();
    expect(previous).toBeEnabled();
  });

  it('shows more from the first topic, without the article itself', async () => {
    const article = await readArticle(SEED);
    renderRoute(`/articles/${SEED}`);

    const more = await screen.findByRole('region', { name: /^More in /, busy: false });
    expect(within(more).getAllByRole('listitem').length).toBeGreaterThan(0);
    expect(within(more).queryByRole('link', { name: article.title })).not.toBeInTheDocument();
  });

  it('still shows the article when "More in" fails, and retries it', async () => {
    const article = await readArticle(SEED);
    const topicList = feedPaths.listPage({ kind: 'topic', slug: article.topics[0]! }, 1);
    feed.failPath(topicList);
    const { user } = renderRoute(`/articles/${SEED}`);

    expect(await screen.findByRole('heading', { level: 1, name: article.title })).toBeInTheDocument();
    expect(await screen.findByText(/could not be loaded/)).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Related articles' })).toBeInTheDocument();

    feed.restorePath(topicList);
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('region', { name: /^More in /, busy: false })).toBeInTheDocument();
  });
});

describe('while the article loads', () => {
  it('shows its skeleton, then the article', async () => {
    const article = await readArticle(SEED);
    const release = feed.hangPath(feedPaths.article(SEED));
    renderRoute(`/articles/${SEED}`);

    expect(await screen.findByRole('status')).toHaveTextContent('Loading article…');
    release();
    expect(await screen.findByRole('heading', { level: 1, name: article.title })).toBeInTheDocument();
  });
});

describe('a video article', () => {
  it('embeds only the allowlisted player, built from the id', async () => {
    const article = await readArticle(VIDEO);
    const { container } = renderRoute(`/articles/${VIDEO}`);

    expect(await screen.findByRole('heading', { level: 1, name: article.title })).toBeInTheDocument();
    const frames = container.querySelectorAll('iframe');
    expect(frames).toHaveLength(1);
    expect(frames[0]).toHaveAttribute('src', 'https://www.youtube-nocookie.com/embed/WJk-Y8LQlfE');
    expect(frames[0]).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin allow-presentation allow-popups');
    expect(container.innerHTML).not.toContain('youtube.com/embed');
  });
});

describe('an article that cannot be shown', () => {
  it.each(['no-such-article', 'Bad_Slug', '..%2F..%2Findex'])('says "Article not found" for %s', async (slug) => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    renderRoute(`/articles/${slug}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Article not found' })).toBeInTheDocument();
    vi.restoreAllMocks();
  });

  it('explains a failing feed and recovers on retry', async () => {
    const article = await readArticle(SEED);
    feed.failPath(feedPaths.article(SEED), 503);
    const { user } = renderRoute(`/articles/${SEED}`);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The server had a problem (error 503).');
    feed.restorePath(feedPaths.article(SEED));
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { level: 1, name: article.title })).toBeInTheDocument();
  });
});
