/**
 * A feed built from hostile article files, served with the production build: script in titles
 * and excerpts, javascript:/data: URLs everywhere a URL goes, malicious embed HTML, RTL overrides,
 * control characters, huge strings. The builder drops or neutralises what it can; the reader
 * must render the rest as text. In Chromium, with the app's real CSP, no script may run.
 *
 * Console errors that are expected and ignored (everything else fails the test):
 * - "Failed to load resource: net::ERR_INTERNET_DISCONNECTED" for a resource outside 127.0.0.1:
 *   the test context aborts every external request (publisher images), as an offline reader would.
 * - The CSP refusing a plain-http publisher image ("Refused to load the image 'http://…'…img-src"):
 *   the strict CSP allows https images only, by design; the card then shows its fallback.
 * - A 404 for a news provider logo of the sample feed that this feed does not have: the build's
 *   prerendered home page shows the sample feed's first screen until the app replaces it, as after
 *   any republished feed (see README, Performance).
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import * as v from 'valibot';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { paths } from '../../src/app/paths';
import { buildFeed } from '../../src/builder/build-feed';
import { ArticleDetailSchema, ListPageSchema, ManifestSchema, type Manifest } from '../../src/feed/schema';
import { ALL_ARTICLES, feedPaths } from '../../src/feed/urls';
import { serveStatic, type StaticServer } from './static-server.mjs';
import { launchChromium, newTestContext } from './support/browser';
import { settle } from './support/settle';

const distDir = process.env.E2E_DIST ?? fileURLToPath(new URL('../../dist', import.meta.url));
const ALLOWED_FRAME_HOSTS = ['www.youtube-nocookie.com', 'player.vimeo.com'];

const XSS_IMG = '<img src=x onerror=alert(1)>';
const XSS_SCRIPT = '<script>alert(1)</script>';
const PWN = '"><img src=x onerror="window.__pwned=1"><svg onload="window.__pwned=1">';

/** The hostile corpus: file name → front matter. Plain http(s) articles keep the lists non-trivial. */
const ARTICLES: Record<string, Record<string, unknown>> = {
  '2024-01-09-script-title.md': {
    title: `${XSS_SCRIPT}Script in the title`,
    excerpt: `${XSS_IMG}<svg onload=alert(1)> ${PWN}`,
    publishedDateTime: '2024-01-09T10:00:00Z',
    originalUrl: 'https://example.com/script-title',
    webUrl: 'javascript:alert(1)',
    type: 'article',
    featuredContent: `<iframe src="javascript:alert(1)"></iframe>${XSS_SCRIPT}<object data="javascript:alert(1)"></object>`,
    images: [
      { url: 'javascript:alert(1)', width: 100, height: 100 },
      { url: 'data:image/svg+xml,<svg onload=alert(1)>', width: 100, height: 100 },
    ],
    provider: { name: `Evil ${XSS_IMG}`, domain: 'evil.example', images: [{ url: 'javascript:alert(1)' }] },
    topics: [XSS_SCRIPT, 'javascript:alert(1)', 'AI'],
    related: [
      { title: `${XSS_SCRIPT} related`, webUrl: 'javascript:alert(1)', type: 'article' },
      { title: 'Related data URL', webUrl: 'data:text/html,<script>alert(1)</script>', type: 'article' },
      { title: 'Related vbscript URL', webUrl: 'vbscript:msgbox(1)', type: 'article' },
      {
        title: `Related with a hostile image ${XSS_IMG}`,
        excerpt: PWN,
        webUrl: 'https://example.com/related',
        publishedDateTime: '2024-01-01T00:00:00Z',
        type: 'article',
        images: [{ url: 'javascript:alert(1)', width: 100, height: 100 }],
        provider: { name: XSS_SCRIPT, domain: 'evil.example', images: [{ url: 'data:image/png;base64,AAAA' }] },
      },
    ],
  },
  '2024-01-08-entity-encoded.md': {
    title: '&lt;script&gt;alert(1)&lt;/script&gt; Entity-encoded &#x3C;img src=x onerror=alert(1)&#x3E;',
    excerpt: '&lt;iframe src=&quot;javascript:alert(1)&quot;&gt;&lt;/iframe&gt;',
    publishedDateTime: '2024-01-08T10:00:00Z',
    originalUrl: 'data:text/html,<script>alert(1)</script>',
    webUrl: 'https://example.com/entity-encoded',
    provider: { name: 'Entities', domain: 'entities.example' },
  },
  '2024-01-07-video-evil-embed.md': {
    title: 'A video whose embed is not allowlisted',
    excerpt: 'Its featured content is an iframe from elsewhere.',
    publishedDateTime: '2024-01-07T10:00:00Z',
    originalUrl: 'https://evil.example/video',
    type: 'video',
    featuredContent: `<iframe src="https://evil.example/embed/abc" onload="alert(1)"></iframe>${XSS_SCRIPT}`,
    provider: { name: 'Evil video', domain: 'evil.example' },
  },
  '2024-01-06-video-youtube.md': {
    title: 'A YouTube video with a poisoned embed',
    excerpt: 'Only the id may survive; the player is rebuilt by the app.',
    publishedDateTime: '2024-01-06T10:00:00Z',
    originalUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    type: 'video',
    featuredContent:
      '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" onload="alert(1)" srcdoc="<script>alert(1)</script>"></iframe>',
    provider: { name: 'YouTube', domain: 'youtube.com' },
  },
  '2024-01-05-rtl-and-control.md': {
    title: 'Invoice \u202Efdp.exe \u200F\u202B שלום مرحبا \u0000\u0007\u001b[31m bell',
    excerpt: 'Control \u0008\u000b\u000c characters \u2028 and \u2029 separators \uFEFF BOM \u202E reversed',
    publishedDateTime: '2024-01-05T10:00:00Z',
    originalUrl: 'https://example.com/rtl',
    provider: { name: '\u202Eevil\u202C Provider', domain: 'rtl.example' },
    topics: ['\u202Eemit', 'Zero\u200Bwidth'],
  },
  '2024-01-04-huge.md': {
    title: `Huge ${'title '.repeat(1_000)}`,
    excerpt: 'excerpt '.repeat(25_000),
    publishedDateTime: '2024-01-04T10:00:00Z',
    originalUrl: `https://example.com/${'a'.repeat(5_000)}`,
    provider: { name: 'N'.repeat(2_000), domain: 'huge.example' },
    topics: Array.from({ length: 60 }, (_, i) => `Topic ${i} ${'t'.repeat(100)}`),
  },
  '2024-01-03-plain-http.md': {
    title: 'A plain article over http',
    excerpt: 'Its image is http, which the CSP does not load.',
    publishedDateTime: '2024-01-03T10:00:00Z',
    originalUrl: 'http://example.org/plain',
    images: [{ url: 'http://example.org/image.jpg', width: 800, height: 450 }],
    provider: { name: 'Example', domain: 'example.org' },
    topics: ['AI'],
  },
  '2024-01-02-plain-https.md': {
    title: 'A plain article over https',
    excerpt: 'Nothing hostile here.',
    publishedDateTime: '2024-01-02T10:00:00Z',
    originalUrl: 'https://example.com/plain',
    images: [{ url: 'https://example.com/image.jpg', width: 800, height: 450 }],
    provider: { name: 'Example', domain: 'example.com' },
    topics: ['AI'],
  },
  '2024-01-01-javascript-only.md': {
    title: 'Only a javascript: URL (the builder skips it)',
    publishedDateTime: '2024-01-01T10:00:00Z',
    originalUrl: 'javascript:alert(1)',
  },
};

let root: string;
let site: string;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let manifest: Manifest;
let appScripts: string[];
let dialogs: string[];
let consoleErrors: string[];
let pageErrors: string[];

async function buildHostileSite(): Promise<string> {
  root = await mkdtemp(path.join(tmpdir(), 'newsstand-hostile-'));
  const content = path.join(root, 'content');
  const site = path.join(root, 'site');
  await mkdir(content);
  for (const [name, frontMatter] of Object.entries(ARTICLES)) {
    await writeFile(path.join(content, name), `---\n${yaml.dump(frontMatter, { lineWidth: -1 })}---\n`);
  }
  // The production build, with its own feed replaced by the hostile one.
  await cp(distDir, site, { recursive: true, filter: (source) => source !== path.join(distDir, 'feed') });
  await buildFeed({ contentDirs: [content], outDir: path.join(site, 'feed') });
  return site;
}

async function readFeedFile<TSchema extends v.GenericSchema>(site: string, feedPath: string, schema: TSchema) {
  return v.parse(schema, JSON.parse(await readFile(path.join(site, 'feed', feedPath), 'utf8')));
}

beforeAll(async () => {
  site = await buildHostileSite();
  manifest = await readFeedFile(site, feedPaths.manifest(), ManifestSchema);
  const indexHtml = await readFile(path.join(site, 'index.html'), 'utf8');
  // The boot script, and the app's entry, which the boot script starts (its data-entry).
  appScripts = [...indexHtml.matchAll(/<script\b[^>]*>/g)].flatMap(([tag]) =>
    [...tag.matchAll(/\b(?:src|data-entry)="([^"]+)"/g)].map((match) => match[1]!),
  );
  server = await serveStatic(site);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

function isExpectedConsoleError(message: ConsoleMessage): boolean {
  const text = message.text();
  const resource = message.location().url;
  if (/^Failed to load resource: net::ERR_INTERNET_DISCONNECTED/.test(text) && !resource.startsWith(server.url)) {
    return true;
  }
  if (/^Failed to load resource: .*\b404\b/.test(text) && resource.startsWith(`${server.url}feed/logos/`)) {
    return !existsSync(path.join(site, decodeURIComponent(new URL(resource).pathname)));
  }
  // Chromium words it "Refused to load the image '…' because it violates …" or "Loading the image '…' violates …".
  return /^(?:Refused to load|Loading) the image 'http:\/\/[^']+' (?:because it )?violates the following Content Security Policy directive: "img-src 'self' https:"/.test(
    text,
  );
}

beforeEach(async () => {
  ({ context } = await newTestContext(browser));
  page = await context.newPage();
  dialogs = [];
  consoleErrors = [];
  pageErrors = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && !isExpectedConsoleError(message)) consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(String(error)));
});

afterEach(async () => {
  await context.close();
  expect(dialogs, 'dialogs opened').toEqual([]);
  expect(pageErrors, 'uncaught errors').toEqual([]);
  expect(consoleErrors, 'console errors').toEqual([]);
});

/** Opens a route of the hostile site and waits until its heading is drawn and images settled. */
async function open(route: string): Promise<void> {
  await page.goto(new URL(route.replace(/^\//, ''), server.url).toString());
  await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 15_000 });
  // The build's prerendered snapshot (of the sample feed) shows first: wait for the live app.
  await page.locator('html:not([data-snapshot])').waitFor({ state: 'attached', timeout: 15_000 });
  await settle(page);
}

/** Everything script could hide behind, as found in the live DOM: one line per problem. */
async function injectedMarkup(): Promise<string[]> {
  return page.evaluate(
    ({ scripts, frameHosts }) => {
      const problems: string[] = [];
      const show = (element: Element) => element.outerHTML.slice(0, 160);
      for (const script of document.querySelectorAll('script')) {
        const src = script.getAttribute('src');
        if (!src || !scripts.includes(src)) problems.push(`script not from index.html: ${show(script)}`);
      }
      for (const element of document.querySelectorAll('*')) {
        if ([...element.attributes].some((attribute) => /^on/i.test(attribute.name))) {
          problems.push(`event handler attribute: ${show(element)}`);
        }
      }
      for (const frame of document.querySelectorAll('iframe, frame, object, embed, frameset')) {
        const src = frame.getAttribute('src') ?? '';
        let host = '';
        try {
          host = new URL(src).host;
        } catch {
          host = '';
        }
        const allowed = frame.tagName === 'IFRAME' && src.startsWith('https://') && frameHosts.includes(host);
        if (!allowed) problems.push(`frame outside the allowlist: ${show(frame)}`);
      }
      for (const element of document.querySelectorAll('[href], [src], [srcset], [action], [formaction], [poster]')) {
        for (const name of ['href', 'src', 'srcset', 'action', 'formaction', 'poster']) {
          // eslint-disable-next-line no-control-regex -- browsers ignore these inside a scheme
          const value = (element.getAttribute(name) ?? '').replace(/[\u0000-\u0020]/g, '');
          if (/^(?:javascript|data|vbscript):/i.test(value))
            problems.push(`${name}=${value.slice(0, 60)}: ${show(element)}`);
        }
      }
      for (const link of document.querySelectorAll('a[target="_blank"]')) {
        const rel = (link.getAttribute('rel') ?? '').split(/\s+/);
        if (!rel.includes('noopener') || !rel.includes('noreferrer')) problems.push(`rel missing: ${show(link)}`);
      }
      for (const image of document.images) {
        if (!image.referrerPolicy) problems.push(`image without referrerpolicy: ${show(image)}`);
      }
      if ((window as unknown as { __pwned?: unknown }).__pwned !== undefined) problems.push('window.__pwned was set');
      return problems;
    },
    { scripts: appScripts, frameHosts: ALLOWED_FRAME_HOSTS },
  );
}

async function expectNothingInjected(route: string): Promise<void> {
  expect(await injectedMarkup(), route).toEqual([]);
}

describe('a feed of hostile article files', () => {
  it('is built: the article with only a javascript: URL is skipped, the others kept', async () => {
    const list = await readFeedFile(site, feedPaths.listPage(ALL_ARTICLES, 1), ListPageSchema);
    expect(list.items.map((card) => card.slug)).not.toContain('2024-01-01-javascript-only');
    expect(list.items).toHaveLength(Object.keys(ARTICLES).length - 1);
  });

  it('runs no script on the home, topics and topic pages', async () => {
    await open(paths.home());
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("script-src 'self'");
    expect(await page.getByRole('heading', { level: 2, name: `${XSS_SCRIPT}Script in the title` }).count()).toBe(1);
    await expectNothingInjected('/');

    await open(paths.topics());
    await expectNothingInjected('/topics');
    for (const topic of manifest.topics.slice(0, 12)) {
      await open(paths.topic(topic.slug));
      await expectNothingInjected(paths.topic(topic.slug));
    }
  });

  it('runs no script on any article page, and keeps their text as text', async () => {
    const list = await readFeedFile(site, feedPaths.listPage(ALL_ARTICLES, 1), ListPageSchema);
    for (const card of list.items) {
      const { article } = await readFeedFile(site, feedPaths.article(card.slug), ArticleDetailSchema);
      await open(paths.article(card.slug));
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(article.title);
      await expectNothingInjected(paths.article(card.slug));
    }
  });

  it('embeds only the allowlisted player, rebuilt from the id', async () => {
    await open(paths.article('2024-01-06-video-youtube'));
    await expect
      .poll(() => page.locator('iframe').evaluateAll((frames) => frames.map((frame) => frame.getAttribute('src'))))
      .toEqual(['https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ']);

    await open(paths.article('2024-01-07-video-evil-embed'));
    expect(await page.locator('iframe').count()).toBe(0);
  });

  it('runs no script on the news provider pages', async () => {
    for (const provider of manifest.providers) {
      await open(paths.provider(provider.slug));
      await expectNothingInjected(paths.provider(provider.slug));
    }
  });
});
