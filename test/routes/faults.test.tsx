/**
 * Every way a feed file can fail — missing (404), server error (500), no answer (timeout),
 * cut off (invalid JSON), written by a newer builder (schema version) — gives a clear message and
 * a way to retry, inside the layout, and the rest of the reader keeps working.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FEED_TIMEOUT_MS } from '../../src/feed/fetch-feed';
import { FEED_SCHEMA_VERSION } from '../../src/feed/schema';
import { ALL_ARTICLES, feedPaths } from '../../src/feed/urls';
import { readListCards } from '../support/feed-cards';
import { setupFeedFixture, type FeedFixture } from '../support/feed-fixture';
import { renderRoute } from '../support/render-route';

const feed = setupFeedFixture();

const SEED =
  '2023-10-20-governing-the-ml-lifecycle-at-scale-part-1-a-framework-for-architecting-ml-workloads-using-amazon-sagemaker';

interface FaultClass {
  name: string;
  /** Makes `feedPath` fail this way; returns what lets time run out, for the timeout. */
  break(feed: FeedFixture, feedPath: string): void;
  /** What the reader is told. */
  message: string;
  /** The button that helps: retry, or reload for a feed newer than the app. */
  action: 'Retry' | 'Reload page';
}

const FAULTS: FaultClass[] = [
  {
    name: 'missing (404)',
    break: (fixture, feedPath) => fixture.failPath(feedPath, 404),
    message: 'We could not find part of the news feed. It may be being updated; please try again in a moment.',
    action: 'Retry',
  },
  {
    name: 'failing (500)',
    break: (fixture, feedPath) => fixture.failPath(feedPath, 500),
    message: 'The server had a problem (error 500). Please try again in a moment.',
    action: 'Retry',
  },
  {
    name: 'timing out',
    break: (fixture, feedPath) => {
      fixture.hangPath(feedPath);
    },
    message: 'The server took too long to answer. Please try again.',
    action: 'Retry',
  },
  {
    name: 'truncated',
    break: (fixture, feedPath) => fixture.truncatePath(feedPath),
    message: 'The news we received was damaged or incomplete. Please try again.',
    action: 'Retry',
  },
  {
    name: 'of an unknown schema version',
    break: (fixture, feedPath) => fixture.versionPath(feedPath, FEED_SCHEMA_VERSION + 1),
    message: 'Newsstand has been updated. Reload the page to get the latest version.',
    action: 'Reload page',
  },
];

/** Break `feedPath`, and for a hanging file let the reader's timeout run out (on fake timers). */
function breakPath(fault: FaultClass, feedPath: string) {
  if (fault.name === 'timing out') vi.useFakeTimers({ shouldAdvanceTime: true });
  fault.break(feed, feedPath);
}

/** Once the app has asked for `feedPath`, let the reader's timeout run out if the file hangs. */
async function letTimeRunOut(fault: FaultClass, feedPath: string) {
  if (fault.name !== 'timing out') return;
  await waitFor(() => expect(feed.requests).toContain(feedPath));
  await vi.advanceTimersByTimeAsync(FEED_TIMEOUT_MS);
  vi.useRealTimers();
}

afterEach(() => {
  vi.useRealTimers();
});

const nav = () => screen.getByRole('navigation', { name: 'Main' });

describe.each(FAULTS)('a start file that is $name', (fault) => {
  it('explains itself inside the layout, and the way out works', async () => {
    const cards = await readListCards(feed);
    breakPath(fault, feedPaths.start());
    const { user } = renderRoute('/');
    await letTimeRunOut(fault, feedPaths.start());

    expect(await screen.findByRole('heading', { level: 1, name: 'Something went wrong' })).toBeInTheDocument();
    expect(screen.getByText(fault.message)).toBeInTheDocument();
    expect(within(nav()).getByRole('link', { name: 'Topics' })).toBeInTheDocument();
    if (fault.action === 'Reload page') {
      expect(screen.getByRole('button', { name: 'Reload page' })).toBeInTheDocument();
      return;
    }
    feed.restorePath(feedPaths.start());
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('article', { name: cards[0]!.title })).toBeInTheDocument();
  });
});

describe.each(FAULTS)('a list shard that is $name', (fault) => {
  it('fails only the list, which retries; the page and navigation keep working', async () => {
    const cards = await readListCards(feed);
    const firstPage = feedPaths.listPage(ALL_ARTICLES, 1);
    breakPath(fault, firstPage);
    const { user } = renderRoute('/');
    await letTimeRunOut(fault, firstPage);
    expect(await screen.findByRole('heading', { level: 1, name: 'Latest news' })).toBeInTheDocument();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Some articles could not be loaded');
    expect(alert).toHaveTextContent(fault.message);
    expect(within(alert).getByRole('button', { name: fault.action })).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search articles' })).toBeInTheDocument();

    if (fault.action === 'Retry') {
      feed.restorePath(firstPage);
      await user.click(within(alert).getByRole('button', { name: 'Retry' }));
      expect(await screen.findByRole('article', { name: cards[0]!.title })).toBeInTheDocument();
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    }
    await user.click(within(nav()).getByRole('link', { name: 'Topics' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Topics' })).toBeInTheDocument();
  });
});

describe('a missing article file', () => {
  it('is an article that does not exist (any more): the 404 page, with the way on', async () => {
    const cards = await readListCards(feed);
    feed.failPath(feedPaths.article(SEED), 404);
    const { user } = renderRoute(`/articles/${SEED}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Article not found' })).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Go to the latest news' }));
    expect(await screen.findByRole('article', { name: cards[0]!.title })).toBeInTheDocument();
  });
});

// A missing article is not a fault of the feed but an article that is gone: see above.
describe.each(FAULTS.filter((fault) => fault.name !== 'missing (404)'))('an article file that is $name', (fault) => {
  it('fails only the article page; the list still loads', async () => {
    const cards = await readListCards(feed);
    breakPath(fault, feedPaths.article(SEED));
    const { user } = renderRoute(`/articles/${SEED}`);
    await letTimeRunOut(fault, feedPaths.article(SEED));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This article could not be loaded');
    expect(alert).toHaveTextContent(fault.message);
    expect(within(alert).getByRole('button', { name: fault.action })).toBeInTheDocument();

    await user.click(within(nav()).getByRole('link', { name: 'Home' }));
    expect(await screen.findByRole('article', { name: cards[0]!.title })).toBeInTheDocument();
  });
});

describe('a failing article detail', () => {
  it('never breaks the list: the prefetch fails silently, the page says so, Back shows the list', async () => {
    const cards = await readListCards(feed);
    const first = cards[0]!;
    feed.failPath(feedPaths.article(first.slug), 500);
    const { user, router } = renderRoute('/');

    const card = await screen.findByRole('article', { name: first.title });
    const link = within(card).getByRole('link', { name: first.title });
    await user.hover(link);
    await waitFor(() => expect(feed.requests).toContain(feedPaths.article(first.slug)));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('article', { name: first.title })).toBeInTheDocument();

    await user.click(link);
    expect(await screen.findByRole('alert')).toHaveTextContent('This article could not be loaded');

    await router.navigate(-1);
    expect(await screen.findByRole('article', { name: first.title })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Latest news' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('recovers on Retry once the file is back', async () => {
    const first = (await readListCards(feed))[0]!;
    feed.truncatePath(feedPaths.article(first.slug));
    const { user } = renderRoute(`/articles/${first.slug}`);

    const alert = await screen.findByRole('alert');
    feed.restorePath(feedPaths.article(first.slug));
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { level: 1, name: first.title })).toBeInTheDocument();
  });
});
