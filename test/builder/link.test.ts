// @vitest-environment node
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { dedupe } from '../../src/builder/dedupe';
import { cardJson, encodeCards, planModel, relatedItemJson } from '../../src/builder/feed-model';
import type { NormalizedArticle, RelatedDraft } from '../../src/builder/normalize';
import { MAX_COMPUTED_RELATED, RelatedArticles } from '../../src/builder/related';
import { buildTermIndex, buildTermShards, deltaEncode } from '../../src/builder/search-index';
import { urlKey } from '../../src/builder/url-key';
import { RelatedItemSchema, type ArticleCard, type RelatedItem } from '../../src/feed/schema';
import { tokenize } from '../../src/feed/text';

let order = 0;

/** A normalized article with sensible defaults; `slug` doubles as file name and URL path. */
function article(slug: string, overrides: Partial<NormalizedArticle> = {}): NormalizedArticle {
  const title = overrides.title ?? `Article ${slug}`;
  const excerpt = overrides.excerpt ?? '';
  const originalUrl = overrides.originalUrl ?? `https://example.com/${slug}`;
  return {
    file: `news/${slug}.md`,
    order: order++,
    baseSlug: slug,
    published: true,
    title,
    excerpt,
    publishedAt: '2023-10-20T00:00:00.000Z',
    publishedMs: Date.parse('2023-10-20T00:00:00Z'),
    type: 'article',
    originalUrl,
    originalKey: urlKey(originalUrl)!,
    webUrl: null,
    webKey: null,
    provider: { slug: 'example-com', domain: 'example.com', name: 'Example', logoUrl: null },
    topics: [],
    image: null,
    heat: null,
    quality: null,
    video: null,
    related: null,
    terms: [...new Set(tokenize(`${title} ${excerpt}`))].join(' '),
    warnings: [],
    ...overrides,
  };
}

function planOf(articles: NormalizedArticle[]) {
  return planModel(articles, new Map(articles.map((a) => [a, a.baseSlug])), new Map());
}

function modelOf(articles: NormalizedArticle[]) {
  const { plan, inRowOrder } = planOf(articles);
  return encodeCards(plan, inRowOrder);
}

/** The text index of `articles` as planModel ordered them (newest first, then by slug). */
function termIndexOf(articles: NormalizedArticle[]) {
  return buildTermIndex(planOf(articles).inRowOrder);
}

function draft(url: string, title = 'Elsewhere'): RelatedDraft {
  return {
    key: urlKey(url)!,
    url,
    title,
    publishedAt: null,
    type: 'article',
    provider: { slug: 'other-org', domain: 'other.org', name: 'Other', logoUrl: null },
    image: null,
  };
}

describe('dedupe', () => {
  it('keeps the first file by path, or the first published one, and maps the losers’ URLs', () => {
    const a = article('a', { published: false, originalUrl: 'https://www.example.com/story/' });
    const b = article('b', {
      originalUrl: 'http://example.com/story?utm_source=x',
      webUrl: 'https://example.com/b-web',
      webKey: 'example.com/b-web',
    });
    const c = article('c', { originalUrl: 'https://example.com/story#top' });
    const d = article('d');
    const { kept, duplicates, aliases } = dedupe([a, b, c, d]);
    expect(kept).toEqual([b, d]);
    expect(duplicates).toEqual([
      { file: 'news/a.md', duplicateOf: 'news/b.md', url: 'https://www.example.com/story/' },
      { file: 'news/c.md', duplicateOf: 'news/b.md', url: 'https://example.com/story#top' },
    ]);
    expect(aliases.size).toBe(0); // a and c have no webUrl of their own
    const { kept: kept2, aliases: aliases2 } = dedupe([
      b,
      article('e', { originalUrl: b.originalUrl, webUrl: 'https://e.example.com/', webKey: 'e.example.com' }),
    ]);
    expect(kept2).toEqual([b]);
    expect(aliases2.get('e.example.com')).toBe(b);
  });
});

describe('the model', () => {
  it('orders newest first, ties by slug, and counts topics and providers', () => {
    const older = article('older', { publishedMs: 1, topics: [{ slug: 'ai', name: 'AI' }] });
    const b = article('b', {
      publishedMs: 2,
      topics: [
        { slug: 'ai', name: 'AI' },
        { slug: 'ml', name: 'ML' },
      ],
    });
    const a = article('a', { publishedMs: 2 });
    const model = modelOf([older, b, a]);
    expect(model.rows.map((row) => row.slug)).toEqual(['a', 'b', 'older']);
    expect(model.topics.map((t) => [t.slug, t.rows])).toEqual([
      ['ai', [1, 2]],
      ['ml', [1]],
    ]);
    expect(model.providers[0]!.rows).toEqual([0, 1, 2]);
  });

  it('spells card and related item JSON exactly like JSON.stringify', () => {
    const text = fc.string({ unit: 'binary' });
    const card = fc.record({
      slug: text,
      title: text,
      excerpt: text,
      publishedAt: text,
      type: fc.constantFrom('article' as const, 'video' as const),
      originalUrl: text,
      provider: fc.record({ slug: text, name: text, domain: text, logo: fc.option(text, { nil: null }) }),
      topics: fc.array(text),
      image: fc.option(fc.record({ url: text, width: fc.integer(), height: fc.integer() }), { nil: null }),
      heat: fc.option(fc.integer(), { nil: null }),
      quality: fc.option(fc.integer(), { nil: null }),
    });
    fc.assert(fc.property(card, (c: ArticleCard) => cardJson(c) === JSON.stringify(c)));
    const relatedItemOf = (c: ArticleCard): RelatedItem => ({
      slug: c.slug,
      url: c.originalUrl,
      title: c.title,
      publishedAt: c.publishedAt,
      type: c.type,
      provider: c.provider,
      image: c.image,
    });
    fc.assert(fc.property(card, (c: ArticleCard) => relatedItemJson(c) === JSON.stringify(relatedItemOf(c))));
  });
});

describe('related articles', () => {
  it('resolves source lists to articles of the feed, by URL, without self links or repeats', async () => {
    const target = article('target', { webUrl: 'https://web.example.com/t', webKey: 'web.example.com/t' });
    const source = article('source', {
      related: [
        draft('https://example.com/source/'), // itself
        draft('https://web.example.com/t'), // the target, by its webUrl
        draft('http://www.example.com/target?utm_medium=feed'), // the target again, by its originalUrl
        draft('https://other.org/story', 'External story'),
      ],
    });
    const model = modelOf([target, source]);
    const related = new RelatedArticles(model, termIndexOf([target, source]), new Map());
    const row = model.rows.find((r) => r.slug === 'source')!.row;
    const { refs, computed } = await related.of(row);
    expect(computed).toBe(false);
    expect(refs[0]).toBe(model.rows.find((r) => r.slug === 'target')!.row);
    // An external card comes as its JSON, a RelatedItem.
    const external = v.parse(RelatedItemSchema, JSON.parse(refs[1] as string));
    expect(external).toMatchObject({ slug: null, url: 'https://other.org/story', title: 'External story' });
    expect(refs).toHaveLength(2);
  });

  it('computes up to 8, preferring shared topics, words and provider, never the article itself', async () => {
    const topic = { slug: 'portals', name: 'Portals' };
    const articles = [
      article('subject', { title: 'Power Pages portals security update', topics: [topic] }),
      article('close', { title: 'Power Pages portals security guide', topics: [topic] }),
      article('same-topic', { title: 'Something else entirely', topics: [topic] }),
      ...Array.from({ length: 20 }, (_, i) =>
        article(`noise-${i}`, {
          title: `Unrelated gardening tips ${i}`,
          provider: { slug: 'garden-org', domain: 'garden.org', name: 'Garden', logoUrl: null },
        }),
      ),
    ];
    const model = modelOf(articles);
    const related = new RelatedArticles(model, termIndexOf(articles), new Map());
    const subject = model.rows.find((r) => r.slug === 'subject')!;
    const { refs, computed } = await related.of(subject.row);
    expect(computed).toBe(true);
    expect(refs.length).toBeLessThanOrEqual(MAX_COMPUTED_RELATED);
    expect(refs.map((ref) => model.rows[ref as number]!.slug).slice(0, 2)).toEqual(['close', 'same-topic']);
    expect(refs).not.toContain(subject.row);
  });
});

describe('the text index', () => {
  it('delta-encodes sorted rows and shards terms by key', () => {
    expect(deltaEncode([3, 4, 10])).toEqual([3, 1, 6]);
    const shards = new Map(
      buildTermShards(
        termIndexOf([
          article('a', { title: 'Portals and Pages', publishedMs: 3 }),
          article('b', { title: 'Pages', publishedMs: 2 }),
          article('c', { title: 'Portals', publishedMs: 1 }),
        ]),
      ),
    );
    // Rows count from the oldest: c is row 0, b row 1, a row 2.
    expect(shards.get('pa')!.terms).toEqual({ pages: [1, 1] });
    expect(shards.get('po')!.terms).toEqual({ portals: [0, 2] });
  });
});
