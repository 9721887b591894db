/**
 * axe-core on every route, light and dark (the app follows the system scheme until the reader
 * picks one): no serious or critical violations.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newTestContext, openRoute } from './support/browser';
import { expectHeading } from './support/page';
import { allRouteCases } from './support/routes';
import { settle } from './support/settle';

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(['light', 'dark'] as const)('%s theme', (theme) => {
  it.each(allRouteCases().map((route) => [route.name, route] as const))(
    '%s has no serious or critical axe violations',
    async (_, route) => {
      const { context } = await newTestContext(browser, { colorScheme: theme });
      try {
        const page = await context.newPage();
        await openRoute(page, route.path);
        await expectHeading(page, route.heading);
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        await settle(page);
        const results = await new AxeBuilder({ page }).analyze();
        const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        const minor = results.violations.filter((v) => !blocking.includes(v));
        if (minor.length > 0) console.info(describeViolations(`${route.path} (${theme}), moderate or minor`, minor));
        expect(blocking, describeViolations(`${route.path} (${theme})`, blocking)).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});

function describeViolations(where: string, violations: AxeResults['violations']): string {
  const lines = violations.flatMap((v) => [
    `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
    ...v.nodes
      .slice(0, 5)
      .map((node) => `    ${node.target.join(' ')}\n      ${node.failureSummary?.replace(/\n/g, '\n      ')}`),
    ...(v.nodes.length > 5 ? [`    … and ${v.nodes.length - 5} more`] : []),
  ]);
  return `axe violations on ${where}:\n${lines.join('\n')}\n`;
}
