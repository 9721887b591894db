/**
 * Screenshots of every route at 375 and 1280 px, light and dark, for a reviewer to look at:
 * test-results/screenshots/<route>-<width>-<theme>.png. Long lists are cut at MAX_HEIGHT.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newTestContext, openRoute } from './support/browser';
import { expectHeading } from './support/page';
import { allRouteCases } from './support/routes';
import { settle } from './support/settle';

const outDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const WIDTHS = [375, 1280] as const;
const THEMES = ['light', 'dark'] as const;
/** A virtualized list is as tall as all its rows; past this, a screenshot shows nothing new. */
const MAX_HEIGHT = 4_000;

let browser: Browser;

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(WIDTHS.flatMap((width) => THEMES.map((theme) => [width, theme] as const)))(
  '%i px, %s',
  (width, theme) => {
    it.each(allRouteCases().map((route) => [route.name, route] as const))('%s', async (name, route) => {
      const { context } = await newTestContext(browser, { viewport: { width, height: 800 }, colorScheme: theme });
      try {
        const page = await context.newPage();
        await openRoute(page, route.path);
        await expectHeading(page, route.heading);
        await settle(page);
        // Grow the viewport to the page (a virtualized list only draws rows inside it), then shoot.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.setViewportSize({ width, height: Math.min(height, MAX_HEIGHT) });
        await settle(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        await page.screenshot({ path: `${outDir}${name}-${width}-${theme}.png`, fullPage: false });
        expect(overflow, `${route.path} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
      } finally {
        await context.close();
      }
    });
  },
);
