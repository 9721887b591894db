import type { Page } from 'playwright-core';

/**
 * Waits until what the page shows has stopped changing: fonts loaded, every image either
 * loaded or failed (publisher images fail at once offline), and two frames drawn.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.evaluate(async () => {
    await document.fonts.ready;
    const onScreen = (image: HTMLImageElement) => {
      const box = image.getBoundingClientRect();
      return box.top < window.innerHeight && box.left < window.innerWidth && box.right > 0;
    };
    const pending = [...document.images].filter(
      (image) => !image.complete && (image.loading !== 'lazy' || onScreen(image)),
    );
    await Promise.race([
      Promise.all(
        pending.map(
          (image) =>
            new Promise((done) => {
              image.addEventListener('load', done, { once: true });
              image.addEventListener('error', done, { once: true });
            }),
        ),
      ),
      new Promise((done) => setTimeout(done, 2_000)),
    ]);
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
}
