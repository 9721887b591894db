/**
 * Defense in depth: the schema already rejects non-http URLs when a feed file is parsed, but
 * every component that renders a URL checks it again. These tests seed the query cache with
 * hostile data that bypasses the schema and render the real routes, then scan the DOM.
 */
import { screen, waitFor, within } from '@testing-library/react';
import type { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { articleQueries, feedQueries, listQueries } from '../../src/feed/queries';
import {
  ArticleDetailSchema,
  ListPageSchema,
  type ArticleCard,
  type ArticleDetail,
  type ArticleDetailFile,
  type Manifest,
  type RelatedItem,
} from '../../src/feed/schema';
import { ALL_ARTICLES, feedPaths } from '../../src/feed/urls';
import { readManifest } from '../support/feed-cards';
import { setupFeedFixture } from '../support/feed-fixture';
import { createTestQueryClient, renderRoute } from '../support/render-route';
import { findUnsafeMarkup } from '../support/unsafe-markup';

const feed = setupFeedFixture();

const SEED =
  '2023-10-20-governing-the-ml-lifecycle-at-scale-part-1-a-framework-for-architecting-ml-workloads-using-amazon-sagemaker';
const HOSTILE_SLUG = 'hostile-article';

/** URLs that must never become a link or an image source. */
const HOSTILE_URLS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.domain)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  '\u0001javascript:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'data:image/svg+xml,<svg onload=alert(1)>',
  'vbscript:msgbox(1)',
  '/relative/path',
  '//evil.example/x',
  'evil.example/x',
  'https://',
  'https://exa mple.com/x',
  'http://[::1',
];

const TITLE = '<script>alert(1)</script> \u202Egnp.exe';
const EXCERPT = '<img src=x onerror=alert(1)> <iframe src="javascript:alert(1)"></iframe>';
const PROVIDER_NAME = '<b onmouseover=alert(1)>Evil</b>';
const FEATURED =
  '<iframe src="https://evil.example/FEATURED-PAYLOAD"></iframe><script>alert("FEATURED-PAYLOAD")</script>';

function hostileProvider(logo: string, slug = 'evil-example') {
  return { slug, name: PROVIDER_NAME, domain: 'evil.example', logo };
}

function hostileRelated(url: string, i: number): RelatedItem {
  return {
    slug: null,
    url,
    title: `Related ${i} ${TITLE}`,
    publishedAt: null,
    type: 'article',
    provider: hostileProvider(url),
    image: { url, width: 1200, height: 675 },
  };
}

/** The seed article with every URL set to `url` and every text field hostile, as a feed file would hold it. */
async function hostileDetail(url: string, overrides: Partial<ArticleDetail> = {}): Promise<ArticleDetailFile> {
  const file = await feed.read(feedPaths.article(SEED), ArticleDetailSchema);
  const article: ArticleDetail = {
    ...file.article,
    slug: HOSTILE_SLUG,
    title: TITLE,
    excerpt: EXCERPT,
    originalUrl: url,
    webUrl: url,
    image: { url, width: 1200, height: 675 },
    provider: hostileProvider(url, '../../evil'),
    video: null,
    related: [
      ...HOSTILE_URLS.map(hostileRelated),
      { ...hostileRelated('javascript:alert(1)', 99), slug: 'javascript:alert(1)', title: 'Hostile slug' },
    ],
    ...overrides,
  };
  // Keys the schema would strip: present here to prove the components never read them.
  return { ...file, article: { ...article, featuredContent: FEATURED } as ArticleDetail };
}

function expectSafe() {
  expect(findUnsafeMarkup(document.body)).toEqual([]);
  expect(document.body.innerHTML).not.toContain('FEATURED-PAYLOAD');
}

/** A QueryClient holding the real manifest, plus what `seed` puts in it. */
async function seededClient(seed: (queryClient: QueryClient, manifest: Manifest) => Promise<void> | void) {
  const queryClient = createTestQueryClient();
  const manifest = await readManifest(feed);
  queryClient.setQueryData(feedQueries.manifest().queryKey, manifest);
  await seed(queryClient, manifest);
  return queryClient;
}

function seedDetail(detail: ArticleDetailFile) {
  return seededClient((client) => {
    client.setQueryData(articleQueries.detail(HOSTILE_SLUG).queryKey, detail);
  });
}

describe('an article page with hostile data', () => {
  it.each(HOSTILE_URLS)('renders %j as text, never as a link or image', async (url) => {
    const detail = await hostileDetail(url);
    const queryClient = await seedDetail(detail);
    renderRoute(`/articles/${HOSTILE_SLUG}`, { queryClient });

    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading.textContent).toBe(TITLE);
    expect(screen.getByText(EXCERPT, { exact: false })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /^Read on/ })).not.toBeInTheDocument();
    expect(screen.getByText(`Originally published by ${PROVIDER_NAME}`)).toBeInTheDocument();

    // The carousels load after the article (a lazy chunk).
    const related = await screen.findByRole('region', { name: 'Related articles' });
    HOSTILE_URLS.forEach((_, i) => {
      expect(within(related).getByText(`Related ${i} ${TITLE}`)).toBeInTheDocument();
      expect(within(related).queryByRole('link', { name: new RegExp(`^Related ${i} `) })).not.toBeInTheDocument();
    });
    // A hostile slug stays an in-app path: the router encodes it into /articles/….
    expect(within(related).getByRole('link', { name: 'Hostile slug' })).toHaveAttribute(
      'href',
      '/articles/javascript%3Aalert(1)',
    );
    expect(screen.getByRole('link', { name: PROVIDER_NAME })).toHaveAttribute('href', '/providers/..%2F..%2Fevil');
    expect(document.querySelector('iframe')).toBeNull();
    expectSafe();
  });

  it.each([
    { host: 'youtube', id: '"><script>alert(1)</script>' },
    { host: 'youtube', id: '../../evil' },
    { host: 'evil', id: 'abc123' },
    { host: 'javascript:alert(1)//', id: 'abc123' },
  ])('embeds no player for the video %j', async (video) => {
    const detail = await hostileDetail('https://example.com/ok', {
      type: 'video',
      video: video as ArticleDetail['video'],
    });
    const queryClient = await seedDetail(detail);
    renderRoute(`/articles/${HOSTILE_SLUG}`, { queryClient });

    await screen.findByRole('heading', { level: 1 });
    expect(document.querySelector('iframe')).toBeNull();
    expectSafe();
  });

  it('links an http(s) original with rel="noopener noreferrer" and embeds only the allowlisted player', async () => {
    const detail = await hostileDetail('https://example.com/story', {
      type: 'video',
      video: { host: 'youtube', id: 'WJk-Y8LQlfE' },
    });
    const queryClient = await seedDetail(detail);
    renderRoute(`/articles/${HOSTILE_SLUG}`, { queryClient });

    const readOn = await screen.findByRole('link', { name: `Read on ${PROVIDER_NAME} (opens in a new tab)` });
    expect(readOn).toHaveAttribute('href', 'https://example.com/story');
    expect(readOn).toHaveAttribute('rel', 'noopener noreferrer');
    const frames = document.querySelectorAll('iframe');
    expect([...frames].map((frame) => frame.getAttribute('src'))).toEqual([
      'https://www.youtube-nocookie.com/embed/WJk-Y8LQlfE',
    ]);
    expectSafe();
  });
});

describe('a list with hostile cards', () => {
  it('shows their text as text and no hostile link or image', async () => {
    const queryClient = await seededClient(async (client) => {
      const page = await feed.read(feedPaths.listPage(ALL_ARTICLES, 1), ListPageSchema);
      const items = page.items.map((card, i): ArticleCard => {
        if (i >= HOSTILE_URLS.length) return card;
        const url = HOSTILE_URLS[i]!;
        const next = HOSTILE_URLS[(i + 1) % HOSTILE_URLS.length]!;
        return {
          ...card,
          title: `${TITLE} ${i}`,
          excerpt: EXCERPT,
          originalUrl: url,
          image: { url, width: 1200, height: 675 },
          provider: hostileProvider(next),
          topics: [...card.topics, '"><img src=x onerror=alert(1)>'],
        };
      });
      client.setQueryData(listQueries.page(ALL_ARTICLES, 1).queryKey, { ...page, items });
    });
    renderRoute('/', { queryClient });

    const list = await screen.findByRole('feed');
    await waitFor(() => expect(within(list).getAllByRole('heading', { level: 2 })[0]).toHaveTextContent(TITLE));
    const titles = within(list)
      .getAllByRole('heading', { level: 2 })
      .map((heading) => heading.textContent);
    expect(titles.filter((title) => title?.startsWith(TITLE)).length).toBeGreaterThan(3);
    expect(within(list).getAllByText(EXCERPT).length).toBeGreaterThan(3);
    expectSafe();
  });
});

describe('a news provider page with hostile data', () => {
  it.each(HOSTILE_URLS)('shows the logo %j as initials, never as an image', async (logo) => {
    let slug = '';
    const queryClient = await seededClient(async (client, manifest) => {
      slug = manifest.providers[0]!.slug;
      // The page names its provider from the provider's first list page.
      const list = { kind: 'provider', slug } as const;
      const page = await feed.read(feedPaths.listPage(list, 1), ListPageSchema);
      const provider = { ...page.items[0]!.provider, name: PROVIDER_NAME, domain: '<i>evil</i>', logo };
      const items = page.items.map((card) => ({ ...card, provider }));
      client.setQueryData(listQueries.page(list, 1).queryKey, { ...page, items });
    });
    renderRoute(`/providers/${slug}`, { queryClient });

    expect(await screen.findByRole('heading', { level: 1, name: PROVIDER_NAME })).toBeInTheDocument();
    expect(screen.getByText(/^<i>evil<\/i> · /)).toBeInTheDocument();
    await screen.findByRole('feed');
    expect([...document.images].map((image) => image.getAttribute('src'))).not.toContain(logo);
    expectSafe();
  });
});
