/**
 * The main journey with the keyboard alone (Tab, Space, Enter): every element that takes focus
 * on the way must show a visible focus indicator. Back and forward are the browser's own.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { paths } from '../../src/app/paths';
import { collectPageErrors, launchChromium, newTestContext, openRoute, routeOf } from './support/browser';
import { readArticle, readList } from './support/feed';
import { articleCount, expectHeading, focusState, tabTo } from './support/page';
import { sampleTopic } from './support/routes';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: Error[];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  ({ context } = await newTestContext(browser));
  page = await context.newPage();
  pageErrors = collectPageErrors(page);
});
afterEach(async () => {
  await context.close();
  expect(pageErrors.map(String)).toEqual([]);
});

it('filters, reads, follows a related article, returns and reads on, by keyboard only', async () => {
  const topic = sampleTopic();
  const card = readList({ kind: 'topic', slug: topic.slug }).find((c) =>
    readArticle(c.slug).related.some((item) => item.slug !== null),
  )!;
  const article = readArticle(card.slug);
  const related = article.related.find((item) => item.slug !== null)!;

  await openRoute(page, paths.home());
  const skip = await tabTo(page, () => true, 1);
  expect(skip.name).toBe('Skip to content');
  await page.keyboard.press('Enter');

  await tabTo(page, (s) => s.type === 'checkbox' && s.name === topic.name);
  await page.keyboard.press('Space');
  await expect.poll(() => routeOf(page)).toBe(`/?topic=${topic.slug}`);
  await page.getByRole('heading', { level: 2, name: articleCount(topic.count), exact: true }).waitFor();
  expect((await focusState(page))?.name).toBe(topic.name);

  await tabTo(page, (s) => s.inFeed && s.href === paths.article(card.slug));
  await page.keyboard.press('Enter');
  await expectHeading(page, article.title);

  await tabTo(page, (s) => s.section === 'Related articles' && s.href === paths.article(related.slug!));
  await page.keyboard.press('Enter');
  await expectHeading(page, related.title);

  await page.goBack();
  await expectHeading(page, article.title);
  await page.goBack();
  await expectHeading(page, 'Latest news');
  expect(routeOf(page)).toBe(`/?topic=${topic.slug}`);
  expect(await page.getByRole('checkbox', { name: topic.name, exact: true }).isChecked()).toBe(true);

  await page.goForward();
  await expectHeading(page, article.title);
  await tabTo(page, (s) => s.href === article.originalUrl && s.name.startsWith('Read on'));
  const [publisherTab] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
  await publisherTab.waitForLoadState('domcontentloaded');
  expect(publisherTab.url()).toBe(new URL(article.originalUrl).href);
});
