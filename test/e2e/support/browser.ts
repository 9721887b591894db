/** Chromium for the browser tests: one browser per file, a fresh offline-safe context per test. */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
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
        return route.fulfill({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          body: `<!doctype html><html lang="en"><title>${EXTERNAL_STAND_IN_TITLE}</title><h1>External site</h1></html>`,
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

/** Opens `path` and waits until the route has drawn its heading (loaders and suspense done). */
export async function openRoute(page: Page, path: string): Promise<void> {
  await page.goto(appUrl(path));
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}
