// @vitest-environment node
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFeed, type BuildReport } from '../../src/builder/build-feed';
import { listVersion, slugHashesOf } from '../../src/builder/emit-feed';
import {
  ArticleDetailSchema,
  FacetIndexSchema,
  FeedStartSchema,
  LIST_PAGE_SIZE,
  ListPageSchema,
  ManifestSchema,
  START_LARGEST_TOPICS,
  START_TOPIC_LIMIT,
  TermShardSchema,
  TopicListSchema,
  type ArticleCard,
  type Manifest,
} from '../../src/feed/schema';
import { termShardKey, tokenize } from '../../src/feed/text';
import { listTotal, pageSpan } from '../../src/feed/list-layout';
import { feedPaths, type ListRef } from '../../src/feed/urls';
import { makeCorpus } from '../bench/make-corpus';
import { AI_DIR, CONTENT_DIR, listFiles, POWERAPPS_NEWS_DIR, readFeedFile, SEED_FILE, tempDir } from './helpers';

/**
 * What the sample files say, read with plain regular expressions rather than the builder's
 * parser, so the expected numbers do not come from the code under test.
 */
interface Facts {
  file: string;
  slug: string;
  published: boolean;
  key: string;
  webUrl: string | null;
  topics: string[];
  domain: string;
  related: string[];
}

function factsOf(file: string): Facts {
  const frontMatter = readFileSync(file, 'utf8').split('\n---')[0]!;
  const field = (name: string) => new RegExp(`^${name}: "?([^"\\n]*)"?$`, 'm').exec(frontMatter)?.[1] ?? null;
  const topicBlock = /^topics:\n((?: {2}- .*\n)+)/m.exec(frontMatter)?.[1] ?? '';
  return {
    file,
    slug: path.basename(file, '.md'),
    published: field('published') !== 'false',
    key: simpleUrlKey(field('originalUrl')!),
    webUrl: field('webUrl'),
    topics: [...topicBlock.matchAll(/^ {2}- (.*)$/gm)].map((m) => m[1]!.toLowerCase()),
    domain: /^provider:\n {2}name: .*\n {2}domain: (.*)$/m.exec(frontMatter)![1]!.replace(/^www\./, ''),
    related: [...frontMatter.matchAll(/^ {4}webUrl: "(.*)"$/gm)].map((m) => simpleUrlKey(m[1]!)),
  };
}

function simpleUrlKey(url: string): string {
  return url
    .replace(/^https?:\/\/(www\.)?/i, '')
    .replace(/\/$/, '')
    .toLowerCase();
}

const ALL_FACTS = [AI_DIR, POWERAPPS_NEWS_DIR]
  .flatMap((dir) => readdirSync(dir).map((name) => path.join(dir, name)))
  .sort((a, b) => (path.relative(CONTENT_DIR, a) < path.relative(CONTENT_DIR, b) ? -1 : 1))
  .map(factsOf);

/** One article per original URL: the first published file by path, else the first. */
function winners(facts: Facts[]): Facts[] {
  const byKey = new Map<string, Facts[]>();
  for (const fact of facts) byKey.set(fact.key, [...(byKey.get(fact.key) ?? []), fact]);
  return [...byKey.values()].map((group) => group.find((fact) => fact.published) ?? group[0]!);
}

function countBy<T>(items: T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

const ALL_WINNERS = winners(ALL_FACTS);
const PUBLISHED_WINNERS = ALL_WINNERS.filter((fact) => fact.published);

/**
 * Every card of a list, page by page, each page holding what list-layout.ts places on it; its
 * pages must carry one list version, `version` when given.
 */
function readAllCards(outDir: string, list: ListRef, pages: number, version?: string): ArticleCard[] {
  const cards: ArticleCard[] = [];
  const versions = new Set<string>(version === undefined ? [] : [version]);
  let total = 0;
  for (let page = 1; page <= Math.max(1, pages); page++) {
    const shard = readFeedFile(outDir, feedPaths.listPage(list, page), ListPageSchema);
    if (page === 1) total = listTotal(shard);
    versions.add(shard.listVersion);
    expect(versions.size).toBe(1);
    expect(shard.page).toBe(page);
    expect(shard.pages).toBe(pages);
    const { start, end } = pageSpan(page, total, LIST_PAGE_SIZE);
    expect(cards.length).toBe(start);
    expect(shard.items).toHaveLength(end - start);
    cards.push(...shard.items);
  }
  expect(cards).toHaveLength(total);
  return cards;
}

describe('building the sample content', () => {
  // Made before the tests, not as they are collected: a run that filters them all out makes nothing.
  let defaultOut = '';
  let fullOut = '';
  let report: BuildReport;
  let fullReport: BuildReport;
  let manifest: Manifest;

  beforeAll(async () => {
    defaultOut = path.join(tempDir(), 'feed');
    fullOut = path.join(tempDir(), 'feed');
    report = await buildFeed({ contentDirs: [CONTENT_DIR], outDir: defaultOut });
    fullReport = await buildFeed({
      contentDirs: [CONTENT_DIR],
      outDir: fullOut,
      includeUnpublished: true,
      siteUrl: 'https://news.example.com/reader/',
      title: 'Sample news',
    });
    manifest = readFeedFile(defaultOut, feedPaths.manifest(), ManifestSchema);
  });

  it('counts articles, duplicates and unpublished files like the files say', () => {
    expect(report.counts.files).toBe(ALL_FACTS.length);
    expect(report.counts.duplicates).toBe(ALL_FACTS.length - ALL_WINNERS.length);
    expect(report.counts.unpublished).toBe(ALL_WINNERS.length - PUBLISHED_WINNERS.length);
    expect(report.counts.articles).toBe(PUBLISHED_WINNERS.length);
    expect(report.counts.skipped).toBe(0);
    expect(manifest.articleCount).toBe(PUBLISHED_WINNERS.length);
    expect(report.summary).toBe(
      `${PUBLISHED_WINNERS.length} articles, 0 skipped, ${report.counts.duplicates} duplicates, ${report.counts.unpublished} unpublished`,
    );
    expect(fullReport.counts.articles).toBe(ALL_WINNERS.length);
    expect(fullReport.counts.unpublished).toBe(report.counts.unpublished);
    // The real corpus has two reposted items (see content/powerapps/news).
    expect(report.duplicates.map((d) => path.basename(d.file))).toEqual([
      '2021-06-10-microsoft-power-platform-stories.md',
      '2021-08-27-microsoft-makes-power-apps-changes-following-asensitive-dataa-exposure-upguard.md',
    ]);
  });

  it('counts topics and news providers like the files say', () => {
    const topicCounts = countBy(PUBLISHED_WINNERS.flatMap((fact) => fact.topics));
    expect(manifest.topics).toHaveLength(topicCounts.size);
    for (const topic of manifest.topics) expect(topic.count).toBe(topicCounts.get(topic.name.toLowerCase()));
    expect(manifest.topics.find((topic) => topic.name === 'Portals')).toMatchObject({ slug: 'portals', pages: 1 });

    const providerCounts = countBy(PUBLISHED_WINNERS.map((fact) => fact.domain));
    expect(manifest.providers).toHaveLength(providerCounts.size);
    for (const provider of manifest.providers) expect(provider.count).toBe(providerCounts.get(provider.domain));

    const counts = manifest.topics.map((topic) => topic.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('leaves unpublished articles out by default, counted and listed in the report', () => {
    const seedSlug = path.basename(SEED_FILE, '.md');
    expect(existsSync(path.join(defaultOut, feedPaths.article(seedSlug)))).toBe(false);
    expect(report.unpublished).toContain(path.join(CONTENT_DIR, path.relative(CONTENT_DIR, SEED_FILE)));
    expect(existsSync(path.join(fullOut, feedPaths.article(seedSlug)))).toBe(true);
  });

  it('resolves the ai/ cluster’s related links to the right internal articles', () => {
    const seed = readFeedFile(fullOut, feedPaths.article(path.basename(SEED_FILE, '.md')), ArticleDetailSchema).article;
    expect(seed.relatedComputed).toBe(false);
    expect(seed.related.map((item) => item.slug)).toEqual([
      '2023-10-19-automatically-redact-pii-for-machine-learning-using-amazon-sagemaker-data-wrangler',
      // The link says talent-com, the file name talentcom: resolved by URL, not by name.
      '2023-10-23-from-text-to-dream-job-building-an-nlp-based-job-recommender-at-talentcom-with-amazon-sagemaker',
      '2023-10-20-how-meesho-built-a-generalized-feed-ranker-using-amazon-sagemaker-inference',
    ]);
    const redact = readFeedFile(
      fullOut,
      feedPaths.article(
        '2023-10-19-automatically-redact-pii-for-machine-learning-using-amazon-sagemaker-data-wrangler',
      ),
      ArticleDetailSchema,
    ).article;
    // An internal item carries the target article's own card data.
    expect(seed.related[0]).toEqual({
      slug: redact.slug,
      url: redact.originalUrl,
      title: redact.title,
      publishedAt: redact.publishedAt,
      type: redact.type,
      provider: redact.provider,
      image: redact.image,
    });

    // Every link inside the folder resolves (161, as the corpus README says), none elsewhere.
    const aiFacts = ALL_FACTS.filter((fact) => fact.file.startsWith(AI_DIR));
    const aiKeys = new Map(
      aiFacts.flatMap(
        (fact) =>
          [[fact.key, fact.slug], ...(fact.webUrl ? [[simpleUrlKey(fact.webUrl), fact.slug]] : [])] as [
            string,
            string,
          ][],
      ),
    );
    let internal = 0;
    for (const fact of aiFacts) {
      const detail = readFeedFile(fullOut, feedPaths.article(fact.slug), ArticleDetailSchema).article;
      const expected = fact.related.map((key) => aiKeys.get(key)).filter((slug) => slug !== undefined);
      const resolved = detail.related.map((item) => item.slug).filter((slug) => slug !== null);
      expect(resolved).toEqual(expected);
      internal += resolved.length;
    }
    expect(internal).toBe(161);

    // Without the unpublished articles, links to them stay external cards.
    const published = aiFacts.find((fact) => fact.published && fact.related.length > 0)!;
    const detail = readFeedFile(defaultOut, feedPaths.article(published.slug), ArticleDetailSchema).article;
    for (const item of detail.related) {
      if (item.slug) expect(existsSync(path.join(defaultOut, feedPaths.article(item.slug)))).toBe(true);
    }
  });

  it('computes up to 8 related articles for articles without a related list', () => {
    const fact = PUBLISHED_WINNERS.find((f) => f.related.length === 0)!;
    const detail = readFeedFile(defaultOut, feedPaths.article(fact.slug), ArticleDetailSchema).article;
    expect(detail.relatedComputed).toBe(true);
    expect(detail.related.length).toBeGreaterThan(0);
    expect(detail.related.length).toBeLessThanOrEqual(8);
    expect(detail.related.every((item) => item.slug && item.slug !== detail.slug)).toBe(true);
    expect(new Set(detail.related.map((item) => item.slug)).size).toBe(detail.related.length);
  });

  it('writes only schema-valid files: manifest, lists, details, facets and term shards', () => {
    for (const out of [defaultOut, fullOut]) {
      const m = readFeedFile(out, feedPaths.manifest(), ManifestSchema);
      const buildIds = new Set([m.buildId]);
      const start = readFeedFile(out, feedPaths.start(), FeedStartSchema);
      const all = readAllCards(out, { kind: 'all' }, m.pages, start.allListVersion);
      expect(all).toHaveLength(m.articleCount);
      for (let i = 1; i < all.length; i++) {
        const [a, b] = [all[i - 1]!, all[i]!];
        expect(a.publishedAt > b.publishedAt || (a.publishedAt === b.publishedAt && a.slug < b.slug)).toBe(true);
      }
      for (const card of all) {
        const detail = readFeedFile(out, feedPaths.article(card.slug), ArticleDetailSchema);
        expect(detail.article).toMatchObject(card);
      }
      for (const topic of m.topics) {
        const cards = readAllCards(out, { kind: 'topic', slug: topic.slug }, topic.pages);
        expect(cards).toHaveLength(topic.count);
        expect(cards.every((card) => card.topics.includes(topic.slug))).toBe(true);
      }
      for (const provider of m.providers) {
        const cards = readAllCards(out, { kind: 'provider', slug: provider.slug }, provider.pages);
        expect(cards).toHaveLength(provider.count);
        expect(cards.every((card) => card.provider.slug === provider.slug)).toBe(true);
        if (provider.logo && !/^https?:/.test(provider.logo))
          expect(existsSync(path.join(out, provider.logo))).toBe(true);
      }

      const facets = readFeedFile(out, feedPaths.facetIndex(), FacetIndexSchema);
      // The search index names the order its row numbers refer to.
      const orderVersion = listVersion(
        slugHashesOf(all.map((card) => card.slug)),
        all.map((_, row) => row),
      );
      expect(facets.listVersion).toBe(orderVersion);
      expect(facets.count).toBe(all.length);
      // Rows count the articles from the oldest.
      all.forEach((card, index) => {
        const row = all.length - 1 - index;
        expect(m.providers[facets.provider[row]!]!.slug).toBe(card.provider.slug);
        // Its topics by place in the manifest, ascending.
        expect(facets.topics[row]).toEqual([...facets.topics[row]!].sort((a, b) => a - b));
        expect(facets.topics[row]!.map((i) => m.topics[i]!.slug).sort()).toEqual([...card.topics].sort());
        expect(facets.video[row]).toBe(card.type === 'video' ? 1 : 0);
        expect(facets.quality[row]).toBe(card.quality ?? -1);
        expect(facets.heat[row]).toBe(card.heat ?? -1);
        expect(facets.publishedMinute[row]).toBe(Math.floor(Date.parse(card.publishedAt) / 60_000));
      });
      for (const file of listFiles(path.join(out, 'index', 'terms'))) {
        const shard = readFeedFile(out, `index/terms/${file}`, TermShardSchema);
        for (const term of Object.keys(shard.terms)) expect(`${termShardKey(term)}.json`).toBe(file);
      }
      // Every term of the oldest card finds it at row 0, and of the newest at the last row.
      for (const term of tokenize(`${all.at(-1)!.title} ${all.at(-1)!.excerpt}`)) {
        const shard = readFeedFile(out, feedPaths.termShard(termShardKey(term)), TermShardSchema);
        expect(shard.terms[term]![0]).toBe(0);
      }
      for (const term of tokenize(`${all[0]!.title} ${all[0]!.excerpt}`)) {
        const deltas = readFeedFile(out, feedPaths.termShard(termShardKey(term)), TermShardSchema).terms[term]!;
        expect(deltas.reduce((row, gap) => row + gap, 0)).toBe(all.length - 1);
      }
      const topicList = readFeedFile(out, feedPaths.topics(), TopicListSchema);
      buildIds.add(start.buildId).add(topicList.buildId);
      expect(topicList.topics).toEqual(m.topics);
      expect(start).toMatchObject({ articleCount: m.articleCount, pageSize: m.pageSize, topicCount: m.topics.length });
      expect(buildIds.size).toBe(1);
    }
  });

  it('names in the start file the largest topics, then those of the first page, as the full list does', () => {
    const start = readFeedFile(defaultOut, feedPaths.start(), FeedStartSchema);
    const largest = manifest.topics
      .slice(0, START_LARGEST_TOPICS)
      .map(({ slug, name, count }) => ({ slug, name, count }));
    expect(start.topics.slice(0, largest.length)).toEqual(largest);
    const firstPage = readFeedFile(defaultOut, feedPaths.listPage({ kind: 'all' }, 1), ListPageSchema).items;
    const named = new Set(start.topics.map((topic) => topic.slug));
    for (const card of firstPage) for (const slug of card.topics) expect(named).toContain(slug);
    for (const topic of start.topics) expect(manifest.topics).toContainEqual({ ...topic, pages: expect.any(Number) });
  });

  it('writes JSON Feed 1.1 for the feed and each topic', () => {
    const feed = JSON.parse(readFileSync(path.join(defaultOut, feedPaths.jsonFeed()), 'utf8'));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe('Newsstand');
    expect(feed.items.length).toBe(Math.min(100, PUBLISHED_WINNERS.length));
    for (const item of feed.items) {
      expect(item).toMatchObject({ id: expect.any(String), url: expect.stringMatching(/^https?:\/\//) });
      expect(typeof item.content_text).toBe('string');
      expect(new Date(item.date_published).toISOString()).toBe(item.date_published);
      expect(item.url).toBe(item.external_url); // without --site-url, links go to the original
    }
    for (const topic of manifest.topics) {
      const topicFeed = JSON.parse(readFileSync(path.join(defaultOut, feedPaths.topicJsonFeed(topic.slug)), 'utf8'));
      expect(topicFeed.items).toHaveLength(Math.min(100, topic.count));
      expect(topicFeed.items.every((item: { tags: string[] }) => item.tags.includes(topic.name))).toBe(true);
    }

    const siteFeed = JSON.parse(readFileSync(path.join(fullOut, feedPaths.jsonFeed()), 'utf8'));
    expect(siteFeed.title).toBe('Sample news');
    expect(siteFeed.home_page_url).toBe('https://news.example.com/reader/');
    expect(siteFeed.feed_url).toBe('https://news.example.com/reader/feed/feed.json');
    const first = siteFeed.items[0];
    const card = readFeedFile(fullOut, feedPaths.listPage({ kind: 'all' }, 1), ListPageSchema).items[0]!;
    expect(first.url).toBe(`https://news.example.com/reader/articles/${card.slug}`);
    expect(first.external_url).toBe(card.originalUrl);
  });

  it('copies provider logos next to the feed and references them there', () => {
    const microsoft = manifest.providers.find((provider) => provider.domain === 'microsoft.com')!;
    expect(microsoft.logo).toBe('logos/microsoft.com-50x50.jpg');
    expect(readFileSync(path.join(defaultOut, microsoft.logo!))).toEqual(
      readFileSync(path.join(CONTENT_DIR, 'powerapps', 'logos', 'microsoft.com-50x50.jpg')),
    );
  });

  it('writes the report, and the same feed gets the same build id', async () => {
    const written = JSON.parse(readFileSync(path.join(defaultOut, feedPaths.buildReport()), 'utf8'));
    expect(written.summary).toBe(report.summary);
    expect(written.buildId).toBe(manifest.buildId);
    const again = await buildFeed({ contentDirs: [CONTENT_DIR], outDir: path.join(tempDir(), 'feed') });
    expect(again.buildId).toBe(report.buildId);
    expect(fullReport.buildId).not.toBe(report.buildId);
  });
});

/** A built feed file's size, gzipped as a static host would serve it. */
function gzipBytes(outDir: string, feedPath: string): number {
  return gzipSync(readFileSync(path.join(outDir, feedPath))).length;
}

describe('the first view of a growing feed', () => {
  // The same articles, spread over a handful or over thousands of topics and news providers.
  const ARTICLES = 4000;
  const corpora = { few: { topics: 8, providers: 10 }, many: { topics: 2000, providers: 4000 } };
  const out = { few: '', many: '' };

  beforeAll(async () => {
    for (const size of ['few', 'many'] as const) {
      const root = tempDir();
      makeCorpus({ dir: path.join(root, 'content'), count: ARTICLES, ...corpora[size] });
      out[size] = path.join(root, 'feed');
      await buildFeed({ contentDirs: [path.join(root, 'content')], outDir: out[size] });
    }
  }, 240_000);

  it('costs the same few KB of start file however many topics and news providers there are', () => {
    const many = readFeedFile(out.many, feedPaths.start(), FeedStartSchema);
    const manifest = readFeedFile(out.many, feedPaths.manifest(), ManifestSchema);
    // The corpora really differ where the full manifest grows...
    expect(manifest.topics.length).toBeGreaterThan(1000);
    expect(manifest.providers.length).toBeGreaterThan(1000);
    expect(gzipBytes(out.many, feedPaths.manifest())).toBeGreaterThan(10 * gzipBytes(out.few, feedPaths.manifest()));
    // ...and the start file does not follow it.
    expect(many.topicCount).toBe(manifest.topics.length);
    expect(many.topics.length).toBeLessThanOrEqual(START_TOPIC_LIMIT);
    expect(gzipBytes(out.many, feedPaths.start())).toBeLessThan(4 * 1024);
    const firstView =
      gzipBytes(out.many, feedPaths.start()) + gzipBytes(out.many, feedPaths.listPage({ kind: 'all' }, 1));
    expect(firstView).toBeLessThan(60 * 1024);
  });

  it('keeps in index.json what other consumers read: counts, time, every topic and news provider, the paths', () => {
    const manifest = JSON.parse(readFileSync(path.join(out.many, feedPaths.manifest()), 'utf8'));
    expect(manifest).toMatchObject({ articleCount: expect.any(Number), generatedAt: expect.any(String) });
    expect(manifest.topics).toHaveLength(readFeedFile(out.many, feedPaths.start(), FeedStartSchema).topicCount);
    for (const topic of manifest.topics)
      expect(Object.keys(topic)).toEqual(expect.arrayContaining(['slug', 'name', 'count']));
    for (const provider of manifest.providers)
      expect(Object.keys(provider)).toEqual(expect.arrayContaining(['slug', 'name', 'domain', 'logo', 'count']));
    expect(manifest.paths).toMatchObject({ allList: 'lists/all/{page}.json', topicList: expect.any(String) });
    expect(manifest.paths.start).toBe(feedPaths.start());
  });
});
