/** The lifecycle most browser test files share: one Chromium per file, a fresh context and page per test. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { collectPageErrors, launchChromium, newTestContext } from './browser';

export interface PageSession {
  /** The current test's context (see `newTestContext`). */
  readonly context: BrowserContext;
  /** The current test's page. */
  readonly page: Page;
  /** Every request of the current test that tried to leave 127.0.0.1, in order. */
  readonly externalRequests: string[];
}

function current<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`No ${name}: read the page session inside a test.`);
  return value;
}

/**
 * Registers the file's hooks: Chromium launched once for the file, a fresh offline-safe context
 * and page before each test, closed after it, and the test fails on any uncaught page error.
 */
export function setUpPageSession(): PageSession {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let externalRequests: string[] | undefined;
  let pageErrors: Error[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    ({ context, externalRequests } = await newTestContext(current(browser, 'browser')));
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
  });
  afterEach(async () => {
    await context?.close();
    context = page = externalRequests = undefined;
    expect(pageErrors.map(String)).toEqual([]);
  });

  return {
    get context() {
      return current(context, 'context');
    },
    get page() {
      return current(page, 'page');
    },
    get externalRequests() {
      return current(externalRequests, 'externalRequests');
    },
  };
}
