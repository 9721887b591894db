/**
 * The primary action of each message panel (not found, an error, no results) is one pill, drawn
 * by the global .button-primary; each panel adds only its own spacing. The values are those the
 * three copies of the rule drew before they became one.
 */
import type { Locator } from 'playwright-core';
import { expect, it } from 'vitest';
import { paths } from '../../src/app/paths';
import { appUrl, openRoute } from './support/browser';
import { sampleArticle } from './support/routes';
import { UNKNOWN_SLUG } from './support/feed';
import { setUpPageSession } from './support/page-session';

const session = setUpPageSession();

const PROPERTIES = [
  'display',
  'min-height',
  'padding',
  'margin-top',
  'border',
  'border-radius',
  'background-color',
  'color',
  'font-family',
  'font-size',
  'font-weight',
  'text-decoration-line',
  'cursor',
] as const;

/** The light theme's pill, as the three rules drew it. */
const PILL = {
  'min-height': '44px',
  border: '0px none rgb(255, 255, 255)',
  'border-radius': '999px',
  'background-color': 'rgb(29, 78, 216)',
  color: 'rgb(255, 255, 255)',
  'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  'font-size': '16px',
  'font-weight': '600',
  'text-decoration-line': 'none',
  cursor: 'pointer',
};

function drawnStyle(locator: Locator): Promise<Record<string, string>> {
  return locator.evaluate((element, names) => {
    const style = getComputedStyle(element);
    return Object.fromEntries(names.map((name) => [name, style.getPropertyValue(name)]));
  }, PROPERTIES);
}

it('is the same pill on the not-found page, in an error panel and with no results', async () => {
  const { page } = session;
  await openRoute(page, paths.article(UNKNOWN_SLUG));
  const notFound = await drawnStyle(page.getByRole('link', { name: 'Go to the latest news' }).first());

  await openRoute(page, `${paths.home()}?q=zzqxjvwk`);
  const noResults = await drawnStyle(page.getByRole('button', { name: 'Clear all filters' }));

  const article = sampleArticle();
  await page.route(`**/feed/articles/${article.slug}.json`, (route) => route.fulfill({ status: 500, body: '' }));
  await page.goto(appUrl(paths.article(article.slug)));
  const errorPanel = await drawnStyle(page.getByRole('alert').getByRole('button', { name: 'Retry' }));

  expect({ notFound, errorPanel, noResults }).toEqual({
    notFound: { ...PILL, display: 'flex', padding: '0px 24px', 'margin-top': '0px' },
    errorPanel: { ...PILL, display: 'block', padding: '8px 24px', 'margin-top': '8px' },
    noResults: { ...PILL, display: 'block', padding: '0px 24px', 'margin-top': '12px' },
  });
});
