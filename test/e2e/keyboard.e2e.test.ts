/**
 * The main journey with the keyboard alone (Tab, Space, Enter): every element that takes focus
 * on the way must show a visible focus indicator. Back and forward are the browser's own.
 */
import { expect, it } from 'vitest';
import { paths } from '../../src/app/paths';
import { openRoute, routeOf } from './support/browser';
import { readArticle, readList } from './support/feed';
import { articleCount, backToTopicList, expectHeading, focusState, tabTo } from './support/page';
import { setUpPageSession } from './support/page-session';
import { sampleTopic } from './support/routes';

const session = setUpPageSession();

it('filters, reads, follows a related article, returns and reads on, by keyboard only', async () => {
  const topic = sampleTopic();
  const card = readList({ kind: 'topic', slug: topic.slug }).find((c) =>
    readArticle(c.slug).related.some((item) => item.slug !== null),
  )!;
  const article = readArticle(card.slug);
  const related = article.related.find((item) => item.slug !== null)!;

  await openRoute(session.page, paths.home());
  const skip = await tabTo(session.page, () => true, 1);
  expect(skip.name).toBe('Skip to content');
  await session.page.keyboard.press('Enter');

  await tabTo(session.page, (s) => s.type === 'checkbox' && s.name === topic.name);
  await session.page.keyboard.press('Space');
  await expect.poll(() => routeOf(session.page)).toBe(`/?topic=${topic.slug}`);
  await session.page.getByRole('heading', { level: 2, name: articleCount(topic.count), exact: true }).waitFor();
  expect((await focusState(session.page))?.name).toBe(topic.name);

  await tabTo(session.page, (s) => s.inFeed && s.href === paths.article(card.slug));
  await session.page.keyboard.press('Enter');
  await expectHeading(session.page, article.title);

  await tabTo(session.page, (s) => s.section === 'Related articles' && s.href === paths.article(related.slug!));
  await session.page.keyboard.press('Enter');
  await expectHeading(session.page, related.title);

  await backToTopicList(session.page, article.title, topic);

  await session.page.goForward();
  await expectHeading(session.page, article.title);
  await tabTo(session.page, (s) => s.href === article.originalUrl && s.name.startsWith('Read on'));
  const [publisherTab] = await Promise.all([
    session.context.waitForEvent('page'),
    session.page.keyboard.press('Enter'),
  ]);
  await publisherTab.waitForLoadState('domcontentloaded');
  expect(publisherTab.url()).toBe(new URL(article.originalUrl).href);
});
