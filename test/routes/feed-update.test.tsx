/**
 * A new feed published while someone reads: the reader holds files of two builds at once. It
 * notices (whole-feed files carry their buildId, list pages their list's version), switches to the
 * new build once, and says so politely.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_UPDATED_MESSAGE } from '../../src/app/layout/feed-update-status';
import { ArticleDetailSchema } from '../../src/feed/schema';
import { feedPaths } from '../../src/feed/urls';
import { articleCount, readListCards, readManifest } from '../support/feed-cards';
import { buildFeedVariant, setupFeedFixture, type FeedVariant } from '../support/feed-fixture';
import { renderRoute } from '../support/render-route';

const feed = setupFeedFixture();

const NEW_SLUG = '2030-01-01-published-while-you-read';
const NEW_TITLE = 'Published while you read';
const NEW_ARTICLE = `---
title: "${NEW_TITLE}"
excerpt: "An article that only the newer build of the feed has."
publishedDateTime: 2030-01-01T08:00:00Z
originalUrl: "https://example.com/published-while-you-read"
type: article
provider:
  name: Example News
  domain: example.com
topics:
  - AI
---
`;

let buildB: FeedVariant;
beforeAll(async () => {
  buildB = await buildFeedVariant({ [`${NEW_SLUG}.md`]: NEW_ARTICLE });
}, 120_000);
afterAll(async () => {
  await buildB?.remove();
});

const nav = () => screen.getByRole('navigation', { name: 'Main' });

describe('a feed published while reading', () => {
  it('is detected on the next page, loaded once, and announced', async () => {
    const [manifestA, manifestB, cardsA] = await Promise.all([
      readManifest(feed),
      readManifest(buildB),
      readListCards(feed),
    ]);
    expect(manifestB.buildId).not.toBe(manifestA.buildId);
    const { article } = await buildB.read(feedPaths.article(NEW_SLUG), ArticleDetailSchema);
    const topic = manifestB.topics.find((candidate) => candidate.slug === article.topics[0])!;

    const { user } = renderRoute('/');
    expect(await screen.findByRole('article', { name: cardsA[0]!.title })).toBeInTheDocument();
    expect(screen.queryByText(FEED_UPDATED_MESSAGE)).not.toBeInTheDocument();

    // The new build goes live; the reader still holds build A's start file and moves on. The
    // topics page is the first to load a file of build B (the topic list): that is noticed.
    feed.serveBuild(buildB.dir);
    await user.click(within(nav()).getByRole('link', { name: 'Topics' }));
    const message = await screen.findByText(FEED_UPDATED_MESSAGE);
    expect(message.closest('[aria-live="polite"]')).not.toBeNull();
    const topicsList = await screen.findByRole('list');
    await user.click(within(topicsList).getByRole('link', { name: `${topic.name} ${articleCount(topic.count)}` }));

    expect(await screen.findByRole('article', { name: NEW_TITLE })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 2, name: articleCount(topic.count) })).toBeInTheDocument();

    // The list dropped build A's pages: home shows build B's newest article and count.
    await user.click(within(nav()).getByRole('link', { name: 'Home' }));
    expect(
      await screen.findByRole('heading', { level: 2, name: articleCount(manifestB.articleCount) }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(within(screen.getByRole('feed')).getAllByRole('article')[0]).toHaveAccessibleName(NEW_TITLE),
    );

    // Once: the start file was fetched at the start and again for the new build, never more.
    expect(feed.requests.filter((path) => path === feedPaths.start())).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(FEED_UPDATED_MESSAGE)).not.toBeInTheDocument();
  });

  it('says nothing while every file comes from the same build', async () => {
    const cards = await readListCards(feed);
    const { user } = renderRoute('/');
    expect(await screen.findByRole('article', { name: cards[0]!.title })).toBeInTheDocument();
    await user.click(within(nav()).getByRole('link', { name: 'Topics' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Topics' })).toBeInTheDocument();
    expect(screen.queryByText(FEED_UPDATED_MESSAGE)).not.toBeInTheDocument();
    expect(feed.requests.filter((path) => path === feedPaths.start())).toHaveLength(1);
  });
});
