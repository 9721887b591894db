// @vitest-environment node
import { cpSync, existsSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFeed, type BuildReport } from '../../src/builder/build-feed';
import { normalizeContext } from '../../src/builder/normalize';
import {
  cachedResults,
  CACHE_SHARDS,
  openSourceCache,
  shardOf,
  updateCachedSources,
} from '../../src/builder/source-cache';
import { firstPageSize, listPageCount, listTotal } from '../../src/feed/list-layout';
import { ArticleDetailSchema, LIST_PAGE_SIZE, ListPageSchema } from '../../src/feed/schema';
import { CONTENT_DIR, listFiles, readerFiles, readFeedFile, SEED_FILE, tempDir } from './helpers';

const SAMPLE_ARTICLE = 'powerapps/news/2020-08-21-power-apps-portals-web-api-support-public-preview.md';
const SAMPLE_SLUG = '2020-08-21-power-apps-portals-web-api-support-public-preview';

/**
 * The sample content in a folder of its own, with the times of its files and folders safely in
 * the past (see RACY_MS in patch-build.ts): a build patches its last feed only when they are.
 */
function copyContent(): string {
  const dir = path.join(tempDir('newsstand-cache-'), 'content');
  cpSync(CONTENT_DIR, dir, { recursive: true });
  const past = new Date(Date.now() - 60_000);
  const files = listFiles(dir);
  const folders = new Set(files.map((file) => path.dirname(path.join(dir, file))));
  for (const file of files) utimesSync(path.join(dir, file), past, past);
  for (const folder of folders) utimesSync(folder, past, past);
  utimesSync(dir, past, past);
  return dir;
}

describe('the cache', () => {
  // Made before the tests, not as they are collected: a run that filters them all out makes nothing.
  let content = '';
  let cacheDir = '';
  beforeAll(() => {
    content = copyContent();
    cacheDir = tempDir('newsstand-cache-dir-');
  });
  const build = (outDir: string, cache = true): Promise<BuildReport> =>
    buildFeed({ contentDirs: [content], outDir, ...(cache ? { cacheDir } : {}) });

  it('gives the same feed as a build without it, filling it or filled', async () => {
    const uncached = tempDir();
    const cold = tempDir();
    const warm = tempDir();
    const reference = await build(uncached, false);
    const first = await build(cold);
    // Another folder: a full build, through the cache the first one filled.
    const second = await build(warm);

    expect(reference.cache).toBeNull();
    expect(first.cache?.reused).toBe(0);
    expect(second.output?.patched).toBe(false);
    expect(second.counts).toEqual(reference.counts);
    expect(second.skipped).toEqual(reference.skipped);
    expect(second.warnings).toEqual(reference.warnings);
    expect(readerFiles(cold)).toEqual(readerFiles(uncached));
    expect(readerFiles(warm)).toEqual(readerFiles(uncached));
  });

  it('parses a changed file again, and only that one; the rebuild rewrites every file that shows it', async () => {
    const out = tempDir();
    await build(out);
    const relatedToIt = listFiles(out).filter(
      (name) =>
        name.startsWith('articles/') &&
        readFileSync(path.join(out, name), 'utf8').includes(`"slug":"${SAMPLE_SLUG}","url"`),
    );
    expect(relatedToIt.length).toBeGreaterThan(0);
    const before = readerFiles(out);
    const file = path.join(content, SAMPLE_ARTICLE);
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/^title: .*$/m, 'title: "Portals, retitled"'));
    try {
      const report = await build(out);
      expect(report.cache?.reused).toBe(report.counts.files - 1);
      expect(report.output?.incremental).toBe(true);
      const detail = JSON.parse(readFileSync(path.join(out, `articles/${SAMPLE_SLUG}.json`), 'utf8')) as {
        article: { title: string };
      };
      expect(detail.article.title).toBe('Portals, retitled');
      // Articles whose related cards show it were rewritten too: the same feed as a build from scratch.
      for (const name of relatedToIt) expect(readFileSync(path.join(out, name), 'utf8')).toContain('Portals, retitled');
      // Nothing else: list pages carry their list's version, not the build's, so the pages that
      // do not show it keep their bytes; only the files of the whole feed change with the build.
      const after = readerFiles(out);
      const changed = [...after.keys()].filter((name) => after.get(name) !== before.get(name));
      const showsIt = (name: string) => after.get(name)!.includes('Portals, retitled');
      const wholeFeed = /^(index\.json|lists\/(start|topics)\.json|index\/.*)$/;
      // A computed related list may change too: ranking weighs words by how rare they are in all titles.
      const relatedSlugs = (text: string) =>
        (JSON.parse(text) as { article: { related: { slug: string | null }[] } }).article.related.map((r) => r.slug);
      const reranked = (name: string) =>
        name.startsWith('articles/') &&
        JSON.stringify(relatedSlugs(after.get(name)!)) !== JSON.stringify(relatedSlugs(before.get(name)!));
      expect(changed.filter((name) => !showsIt(name) && !wholeFeed.test(name) && !reranked(name))).toEqual([]);
      expect(changed.filter((name) => name.startsWith('lists/') && !wholeFeed.test(name)).length).toBeGreaterThan(2);
      expect(report.output?.staged).toBe(changed.length + 1); // and the build report
      const scratch = tempDir();
      await build(scratch, false);
      expect(readerFiles(out)).toEqual(readerFiles(scratch));
    } finally {
      writeFileSync(file, original);
    }
  });

  it('reads a file whose time changed, and finds nothing to write when its content did not', async () => {
    const out = tempDir();
    const first = await build(out);
    const file = path.join(content, SAMPLE_ARTICLE);
    const past = new Date(Date.now() - 30_000);
    utimesSync(file, past, past);
    const report = await build(out);
    expect(report.output?.patched).toBe(true);
    expect(report.cache?.reused).toBe(report.counts.files - 1);
    expect(report.buildId).toBe(first.buildId);
  });

  it('does not trust a file written in the same moment as its entry', async () => {
    const file = path.join(content, SAMPLE_ARTICLE);
    const original = readFileSync(file, 'utf8');
    const justNow = new Date();
    utimesSync(file, justNow, justNow);
    const out = tempDir();
    await build(out);
    // Same size and the same time as when the build saw it: only the bytes tell it changed.
    writeFileSync(file, original.replace('Power Apps portals', 'Power Apps PORTALS'));
    utimesSync(file, justNow, justNow);
    try {
      const report = await build(out);
      expect(report.cache?.reused).toBe(report.counts.files - 1);
      const detail = readFileSync(path.join(out, `articles/${SAMPLE_SLUG}.json`), 'utf8');
      expect(detail).toContain('Power Apps PORTALS');
    } finally {
      writeFileSync(file, original);
      const past = new Date(Date.now() - 60_000);
      utimesSync(file, past, past);
    }
  });

  it('gives a renamed file its new name and slug', async () => {
    const out = tempDir();
    await build(out);
    const from = path.join(content, SAMPLE_ARTICLE);
    const to = path.join(content, 'powerapps/news/2020-08-21-portals-renamed.md');
    renameSync(from, to);
    try {
      await build(out);
      expect(listFiles(out)).toContain('articles/2020-08-21-portals-renamed.json');
      expect(listFiles(out)).not.toContain(`articles/${SAMPLE_SLUG}.json`);
    } finally {
      renameSync(to, from);
    }
  });

  it.each([
    ['the newest of all, on page 1 of every list it joins', '2099-01-01T08:00:00Z'],
    ['an older one, below page 1 of all articles', null],
  ])(
    'rewrites page 1 of the lists an added article joins, their older pages only if it joins below page 1: %s',
    async (_, publishedAt) => {
      const out = tempDir();
      await build(out);
      const pagesNow = () =>
        new Map(
          listFiles(out)
            .filter((name) => /^lists\/.+\/\d+\.json$/.test(name))
            .map((name) => [name, readFileSync(path.join(out, name), 'utf8')]),
        );
      const before = pagesNow();
      const added = path.join(content, 'powerapps/news/2020-08-22-a-new-portals-article.md');
      const sample = readFileSync(path.join(content, SAMPLE_ARTICLE), 'utf8');
      writeFileSync(
        added,
        sample
          .replace(/^title: .*$/m, 'title: "A new portals article"')
          .replace(/^publishedDateTime: .*$/m, (line) => (publishedAt ? `publishedDateTime: ${publishedAt}` : line))
          .replace(/^(\s*originalUrl: ).*$/m, '$1"https://example.com/a-new-portals-article"')
          .replace(/^(\s*webUrl: ).*$/m, '$1"https://example.com/a-new-portals-article"'),
      );
      try {
        await build(out);
        const after = pagesNow();
        const slug = '2020-08-22-a-new-portals-article';
        const { article } = readFeedFile(out, `articles/${slug}.json`, ArticleDetailSchema);
        const joined = [
          'lists/all',
          `lists/providers/${article.provider.slug}`,
          ...article.topics.map((topic) => `lists/topics/${topic}`),
        ];
        expect(joined.length).toBeGreaterThan(2);
        const belowPageOne: string[] = [];
        for (const list of joined) {
          const first = readFeedFile(out, `${list}/1.json`, ListPageSchema);
          const total = listTotal(first);
          const older = [...after.keys()].filter((name) => name.startsWith(`${list}/`) && !name.endsWith('/1.json'));
          const index = [first, ...older.map((name) => readFeedFile(out, name, ListPageSchema))]
            .sort((a, b) => a.page - b.page)
            .flatMap((page) => page.items)
            .findIndex((card) => card.slug === slug);
          expect(index, list).toBeGreaterThanOrEqual(0);
          expect(after.get(`${list}/1.json`), list).not.toBe(before.get(`${list}/1.json`));
          const split = listPageCount(total, LIST_PAGE_SIZE) !== listPageCount(total - 1, LIST_PAGE_SIZE);
          const onPageOne = index < firstPageSize(total, LIST_PAGE_SIZE) && !split;
          if (!onPageOne) belowPageOne.push(list);
          for (const name of older) {
            if (onPageOne) expect(after.get(name), name).toBe(before.get(name));
            else expect(after.get(name), name).not.toBe(before.get(name));
          }
        }
        if (publishedAt) expect(belowPageOne).toEqual([]);
        else expect(belowPageOne).toContain('lists/all');
        for (const [name, text] of after) {
          if (!joined.some((list) => name.startsWith(`${list}/`))) expect(text, name).toBe(before.get(name));
        }
      } finally {
        rmSync(added);
      }
    },
  );

  it('starts afresh when the taxonomies change', async () => {
    const out = tempDir();
    const first = await build(out);
    const topicFile = path.join(content, 'powerapps/topics/05-portals.yaml');
    const original = readFileSync(topicFile, 'utf8');
    writeFileSync(topicFile, original.replace('name: Portals', 'name: Power Pages'));
    try {
      const report = await build(out);
      expect(report.output?.patched).toBe(false);
      expect(readFileSync(path.join(out, 'lists/topics.json'), 'utf8')).toContain('"name":"Power Pages"');
      // The old bytes were kept for the old taxonomies: that folder is gone.
      expect(report.cache!.dir).not.toBe(first.cache!.dir);
      expect(existsSync(first.cache!.dir)).toBe(false);
    } finally {
      writeFileSync(topicFile, original);
    }
  });

  it('survives a corrupt cache: a change it cannot compare is built in full', async () => {
    const out = tempDir();
    const first = await build(out);
    for (const shard of listFiles(first.cache!.dir)) writeFileSync(path.join(first.cache!.dir, shard), '{"trunc');
    const file = path.join(content, SAMPLE_ARTICLE);
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/^title: .*$/m, 'title: "Portals, retitled"'));
    try {
      const report = await build(out);
      expect(report.output?.patched).toBe(false);
      expect(report.counts.articles).toBe(first.counts.articles);
      const detail = readFeedFile(out, `articles/${SAMPLE_SLUG}.json`, ArticleDetailSchema);
      expect(detail.article.title).toBe('Portals, retitled');
      const scratch = tempDir();
      await build(scratch, false);
      expect(readerFiles(out)).toEqual(readerFiles(scratch));
    } finally {
      writeFileSync(file, original);
    }
  });
});

describe('the source cache', () => {
  const taxonomy = { topics: [], organizations: [] };
  const context = normalizeContext(taxonomy);
  const seed = readFileSync(SEED_FILE, 'utf8');
  const titled = (title: string) => Buffer.from(seed.replace(/^title: .*$/m, `title: ${JSON.stringify(title)}`));
  const titleOf = (result: ReturnType<typeof cachedResults> extends Map<string, infer T> ? T : never) =>
    result.result.ok ? result.result.article.title : `skipped: ${result.result.problem.field}`;

  it('gives back the bytes it keeps, parsed, and those a patch saves instead', () => {
    const root = tempDir('newsstand-sources-');
    const cache = openSourceCache(path.join(root, 'cache'), [root], taxonomy);
    const [a, b] = [path.join(root, 'a.md'), path.join(root, 'b.md')];
    // Lines and bytes of every kind: a shard's entries are its files' bytes as they were.
    updateCachedSources(cache, [
      { abs: a, rel: 'a.md', bytes: titled('Café — 日本 \u2028 ✓') },
      { abs: b, rel: 'b.md', bytes: Buffer.from('---\ntitle: [unclosed\n---\n\n\u0000\n') },
    ]);
    const kept = cachedResults(cache, [a, b, path.join(root, 'missing.md')], context);
    expect([...kept.keys()]).toEqual([a, b]);
    // The title as normalized: the line separator is white space, collapsed.
    expect(titleOf(kept.get(a)!)).toBe('Café — 日本 ✓');
    expect(kept.get(a)!.rel).toBe('a.md');
    expect(kept.get(b)!.result.ok).toBe(false);

    updateCachedSources(cache, [{ abs: a, rel: 'a.md', bytes: titled('Edited') }]);
    const again = cachedResults(cache, [a, b], context);
    expect(titleOf(again.get(a)!)).toBe('Edited');
    expect(again.get(b)!.result.ok).toBe(false);
  });

  it('puts neighbouring files in one shard, and spreads a corpus over the shards', () => {
    const day = (name: string) => shardOf(path.join('/news/2024/01', name));
    expect(day('2024-01-31-one.md')).toBe(day('2024-01-31-another.md'));
    const shards = new Set<number>();
    for (let d = 1; d <= 28; d++) {
      for (let m = 1; m <= 12; m++) {
        const date = `2024-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        shards.add(shardOf(`/news/2024/${String(m).padStart(2, '0')}/${date}-a.md`));
      }
    }
    // 336 days: most of the 400 shards can be told apart only by chance, so most days get their own.
    expect(shards.size).toBeGreaterThan(200);
    expect([...shards].every((shard) => shard >= 0 && shard < CACHE_SHARDS)).toBe(true);
  });
});
