/**
 * The build's prerendered snapshots (vite.config.ts, src/app/root-prerender.tsx): the home page
 * and the newest articles paint their first screen from the HTML alone; the snapshot shows only
 * on its own page; and a feed republished after the build is what the reader ends up showing,
 * without errors or layout shifts.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { paths } from '../../src/app/paths';
import { ALL_ARTICLES, feedPaths } from '../../src/feed/urls';
import { serveStatic } from './static-server.mjs';
import { appUrl, collectPageErrors, launchChromium, newTestContext } from './support/browser';
import { readArticle, readListPage } from './support/feed';
import { expectHeading } from './support/page';

const distDir = process.env.E2E_DIST ?? new URL('../../dist', import.meta.url).pathname;
/** The app's code: blocking it shows what the HTML alone paints, with the boot script still running. */
const APP_ENTRY = /\/assets\/index-[\w-]+\.js$/;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: Error[];
let consoleErrors: string[];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await context.close();
  expect(pageErrors.map(String)).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

async function openPage(options: { javaScriptEnabled?: boolean; withoutApp?: boolean } = {}) {
  ({ context } = await newTestContext(browser, { javaScriptEnabled: options.javaScriptEnabled ?? true }));
  if (options.withoutApp) await context.route(APP_ENTRY, (route) => route.abort());
  page = await context.newPage();
  pageErrors = collectPageErrors(page);
  consoleErrors = [];
  page.on('console', (message) => {
    // Publisher images cannot load offline; anything else is a failure.
    if (message.type() === 'error' && !/ERR_INTERNET_DISCONNECTED|ERR_FAILED/.test(message.text())) {
      consoleErrors.push(message.text());
    }
  });
}

const newest = () => readListPage(ALL_ARTICLES, 1).items;

describe('without running the app', () => {
  beforeEach(async () => {
    await openPage({ javaScriptEnabled: false });
  });

  it('the home page shows its heading and the newest articles', async () => {
    await page.goto(appUrl(paths.home()));
    await expectHeading(page, 'Latest news');
    for (const card of newest().slice(0, 3)) {
      await expect(page.getByRole('heading', { name: card.title, exact: true }).isVisible()).resolves.toBe(true);
    }
    await expect(page.title()).resolves.toBe('Latest news · Newsstand');
  });

  it('the newest article shows its title, summary and link to the publisher', async () => {
    const article = readArticle(newest()[0]!.slug);
    await page.goto(appUrl(paths.article(article.slug)));
    await expectHeading(page, article.title);
    await expect(page.getByText(article.excerpt, { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.title()).resolves.toBe(`${article.title} · Newsstand`);
  });
});

describe('another address, on a host that answers it with index.html (the home page)', () => {
  let indexFallback: { url: string; close: () => Promise<void> };
  const at = (path: string) => new URL(path.replace(/^\//, ''), indexFallback.url).href;

  beforeAll(async () => {
    indexFallback = await serveStatic(distDir, { fallback: 'index.html' });
  });
  afterAll(async () => {
    await indexFallback?.close();
  });

  it('never shows the home page snapshot', async () => {
    await openPage({ withoutApp: true });
    await page.goto(at(paths.topics()));
    await page.waitForLoadState('load');
    await expect(page.getByRole('heading', { name: 'Latest news' }).count()).resolves.toBe(0);
    await expect(page.locator('body').innerText()).resolves.not.toContain(newest()[0]!.title);
  });

  it('shows its own page once the app runs', async () => {
    await openPage();
    await page.goto(at(paths.topics()));
    await expectHeading(page, 'Topics');
    await expect(page.getByRole('heading', { name: 'Latest news' }).count()).resolves.toBe(0);
  });

  it('with a query string (filters) is not the snapshot either', async () => {
    await openPage({ withoutApp: true });
    await page.goto(at(`${paths.home()}?q=no-such-words`));
    await page.waitForLoadState('load');
    await expect(page.getByRole('heading', { name: 'Latest news' }).count()).resolves.toBe(0);
  });
});

describe('the reader’s colour theme', () => {
  it('applies to the snapshot before the app runs', async () => {
    await openPage({ withoutApp: true });
    await page.addInitScript(() => localStorage.setItem('newsstand:theme', 'dark'));
    await page.goto(appUrl(paths.home()));
    await expectHeading(page, 'Latest news');
    await expect(page.evaluate(() => getComputedStyle(document.body).backgroundColor)).resolves.toBe('rgb(15, 17, 21)');
  });
});

describe('a feed republished after the build', () => {
  let republished: { url: string; close: () => Promise<void> };
  let copy: string;
  const first = () => newest()[0]!;
  const newTitle = () => `Republished: ${first().title}`;

  beforeAll(async () => {
    // The same build, with a feed published into it later: the newest article has a new title.
    copy = await mkdtemp(join(tmpdir(), 'newsstand-republished-'));
    await cp(distDir, copy, { recursive: true });
    for (const file of [feedPaths.listPage(ALL_ARTICLES, 1), feedPaths.article(first().slug)]) {
      const path = join(copy, 'feed', file);
      await writeFile(
        path,
        (await readFile(path, 'utf8')).replaceAll(JSON.stringify(first().title), JSON.stringify(newTitle())),
      );
    }
    republished = await serveStatic(copy);
  });
  afterAll(async () => {
    await republished?.close();
    await rm(copy, { recursive: true, force: true });
  });

  async function openRepublished(path: string) {
    await openPage();
    await page.addInitScript(() => {
      (window as unknown as { layoutShift: number }).layoutShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) (window as unknown as { layoutShift: number }).layoutShift += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(new URL(path.replace(/^\//, ''), republished.url).href);
  }

  it('replaces the home page snapshot with the new feed, without shifting the layout', async () => {
    await openRepublished(paths.home());
    await page.getByRole('heading', { name: newTitle(), exact: true }).waitFor();
    await expect(page.getByRole('heading', { name: first().title, exact: true }).count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift)).resolves.toBe(0);
  });

  it('replaces the article snapshot with the new feed, and the page works', async () => {
    await openRepublished(paths.article(first().slug));
    await expectHeading(page, newTitle());
    await expect(page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift)).resolves.toBe(0);
    // The live app answers: the theme switch works.
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    await toggle.click();
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
  });
});
