/** Chromium for the browser tests: one browser per file, a fresh offline-safe context per test. */
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  type Request,
  type Response,
} from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS, requireChromium } from '../chromium.mjs';

/** Where global-setup serves dist/, with a trailing slash. */
export const baseUrl = inject('baseUrl');

/** An absolute URL of the app for a route path such as `/topics/ai?q=x`. */
export function appUrl(path: string): string {
  return new URL(path.replace(/^\//, ''), baseUrl).toString();
}

/** The route path (pathname + search) of a page's current URL. */
export function routeOf(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: requireChromium(), args: [...CHROMIUM_ARGS] });
}

/** Title of the page that stands in for any external site: the machine is offline. */
export const EXTERNAL_STAND_IN_TITLE = 'External site (test stand-in)';

const EXTERNAL_STAND_IN = `<!doctype html><html lang="en"><title>${EXTERNAL_STAND_IN_TITLE}</title><h1>External site</h1></html>`;
/** What a video iframe shows offline: a plain dark frame, so screenshots look like a player. */
const EMBED_STAND_IN =
  '<!doctype html><html lang="en"><title>Embedded player (test stand-in)</title>' +
  '<body style="margin:0;height:100vh;display:grid;place-items:center;background:#222;color:#bbb;font:16px sans-serif">' +
  'Video player (offline stand-in)</body></html>';

/** True for an iframe's navigation; a new tab's first request has no frame yet. */
function isSubframe(request: Request): boolean {
  try {
    return request.frame().parentFrame() !== null;
  } catch {
    return false;
  }
}

export interface TestContext {
  context: BrowserContext;
  /** Every request that tried to leave 127.0.0.1, in order. */
  externalRequests: string[];
}

/**
 * A fresh context in which nothing leaves 127.0.0.1: page navigations elsewhere (a "Read on"
 * tab, a video iframe) get a small stand-in page, everything else (publisher images) fails
 * at once, as it would offline, instead of waiting for DNS.
 */
export async function newTestContext(browser: Browser, options: BrowserContextOptions = {}): Promise<TestContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const externalRequests: string[] = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => {
      const request = route.request();
      externalRequests.push(request.url());
      if (request.isNavigationRequest()) {
        const embedded = isSubframe(request);
        return route.fulfill({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          body: embedded ? EMBED_STAND_IN : EXTERNAL_STAND_IN,
        });
      }
      return route.abort('internetdisconnected');
    },
  );
  return { context, externalRequests };
}

/** Uncaught exceptions of a page, to assert there were none. */
export function collectPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return errors;
}

/**
 * A prerendered page shows its heading before the app runs: waits until the app has replaced the
 * snapshot (main.tsx then drops the attribute), so what the test does next reaches the app.
 */
export async function waitForApp(page: Page): Promise<void> {
  await page.locator('html:not([data-snapshot])').waitFor({ state: 'attached', timeout: 15_000 });
}

/** Opens `path` and waits until the route has drawn its heading (loaders and suspense done). */
export async function openRoute(page: Page, path: string): Promise<void> {
  const failures: string[] = [];
  const onFailure = (request: Request) => failures.push(`${request.url()} ${request.failure()?.errorText}`);
  const onResponse = (response: Response) => {
    if (response.status() >= 400) failures.push(`${response.url()} ${response.status()}`);
  };
  page.on('requestfailed', onFailure);
  page.on('response', onResponse);
  try {
    await page.goto(appUrl(path));
    await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 15_000 });
    await waitForApp(page);
  } catch (error) {
    const text = await page.evaluate(() => document.body?.innerText.slice(0, 500) ?? '').catch(() => '');
    const local = failures.filter((line) => line.startsWith(baseUrl));
    throw new Error(
      `${path} drew no h1: ${String(error).split('\n')[0]}\nPage text: ${text || '(empty)'}\n` +
        `Failed local requests: ${local.join('; ') || 'none'}`,
      { cause: error },
    );
  } finally {
    page.off('requestfailed', onFailure);
    page.off('response', onResponse);
  }
}
