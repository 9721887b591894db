/** Helpers that read the page the way a user sees it. */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { paths } from '../../../src/app/paths';
import { routeOf } from './browser';

/** "1 article", "1,234 articles": how the reader counts results. */
export function articleCount(count: number): string {
  return `${count.toLocaleString('en')} ${count === 1 ? 'article' : 'articles'}`;
}

/** The result list (ARIA feed) of a list page. */
export function resultFeed(page: Page): Locator {
  return page.getByRole('feed');
}

/** The link of the feed card for article `slug`, named by its title. */
export function cardLink(page: Page, card: { slug: string; title: string }): Locator {
  return page
    .getByRole('feed')
    .getByRole('link', { name: card.title, exact: true })
    .and(page.locator(`[href="${paths.article(card.slug)}"]`));
}

/** Checks a topic chip and waits until the URL-driven list has re-rendered it as checked. */
export async function toggleCheckbox(checkbox: Locator, checked: boolean): Promise<void> {
  await checkbox.click();
  await checkbox
    .page()
    .waitForFunction(([element, wanted]) => (element as HTMLInputElement).checked === wanted, [
      await checkbox.elementHandle(),
      checked,
    ] as const);
}

/**
 * From a related article, Back twice: the article titled `articleTitle`, then the home list still
 * filtered by `topic`, in the URL and in its checked topic chip.
 */
export async function backToTopicList(page: Page, articleTitle: string, topic: { slug: string; name: string }) {
  await page.goBack();
  await expectHeading(page, articleTitle);
  await page.goBack();
  await expectHeading(page, 'Latest news');
  expect(routeOf(page)).toBe(`/?topic=${topic.slug}`);
  expect(await page.getByRole('checkbox', { name: topic.name, exact: true }).isChecked()).toBe(true);
}

/** The page's h1, waiting until it says `text`. */
export async function expectHeading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
}

/** Waits until the window has stopped scrolling (two equal readings a frame apart). */
export async function settledScrollY(page: Page): Promise<number> {
  let previous = -1;
  for (let i = 0; i < 50; i++) {
    const current = await page.evaluate(
      () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(window.scrollY))),
    );
    if (current === previous) return current;
    previous = current;
    await page.waitForTimeout(50);
  }
  return previous;
}

/** Hrefs of the feed's cards whose link is wholly inside the viewport, below the sticky header. */
export async function cardHrefsInView(page: Page): Promise<string[]> {
  return page.getByRole('feed').evaluate((feed) => {
    const header = document.querySelector('header')?.getBoundingClientRect().bottom ?? 0;
    return [...feed.querySelectorAll('article h2 a, article h3 a')]
      .filter((link) => {
        const box = link.getBoundingClientRect();
        return box.height > 0 && box.top >= header && box.bottom <= window.innerHeight;
      })
      .map((link) => link.getAttribute('href') ?? '');
  });
}

/** Describes the focused element and whether it shows a visible :focus-visible indicator. */
export async function focusState(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const hasOutline = (style: CSSStyleDeclaration) =>
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const style = getComputedStyle(element);
    // A card may draw the ring around itself for its link (:has(:focus-visible)): look a few levels up.
    let outlined = false;
    for (
      let node: Element | null = element, depth = 0;
      node && depth < 5 && !outlined;
      node = node.parentElement, depth++
    ) {
      outlined = hasOutline(getComputedStyle(node));
    }
    const ring = style.boxShadow !== 'none';
    const label = element instanceof HTMLInputElement ? element.labels?.[0]?.textContent : null;
    const section = element.closest('section[aria-labelledby]');
    const sectionHeading = section ? document.getElementById(section.getAttribute('aria-labelledby') ?? '') : null;
    return {
      tag: element.tagName.toLowerCase(),
      type: element.getAttribute('type'),
      name: (element.getAttribute('aria-label') ?? label ?? element.textContent ?? '').trim().replace(/\s+/g, ' '),
      href: element.getAttribute('href'),
      inFeed: element.closest('[role="feed"]') !== null,
      /** The heading text of the labelled section around the element, e.g. "Related articles". */
      section: sectionHeading?.textContent?.trim() ?? null,
      focusVisible: element.matches(':focus-visible'),
      indicator: outlined || ring,
    };
  });
}

export type FocusState = NonNullable<Awaited<ReturnType<typeof focusState>>>;

/**
 * Presses Tab until the focused element matches `wanted` (at most `limit` presses) and returns
 * its state; every stop on the way must show a visible focus indicator.
 */
export async function tabTo(page: Page, wanted: (state: FocusState) => boolean, limit = 120): Promise<FocusState> {
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const state = await focusState(page);
    if (!state) continue;
    seen.push(`${state.tag} "${state.name.slice(0, 40)}"`);
    // Inside a date field, Tab also stops on Chromium's own calendar button (in the input's
    // closed shadow tree), which the browser draws; the page cannot see or style that focus.
    const browserDrawn = state.tag === 'input' && /^(date|time|datetime-local|month|week)$/.test(state.type ?? '');
    if (!browserDrawn && (!state.focusVisible || !state.indicator)) {
      throw new Error(`No visible focus indicator on ${seen.at(-1)} (after ${i + 1} Tab presses)`);
    }
    if (wanted(state)) return state;
  }
  throw new Error(`Tab never reached the element; focus went through:\n  ${seen.join('\n  ')}`);
}
