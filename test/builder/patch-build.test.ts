// @vitest-environment node
/**
 * Patched rebuilds (patch-build.ts): when only articles' text changed since the last build
 * through the cache, the builder patches that feed, rewriting only the files that show what
 * changed; in every other case, and whenever its state cannot be trusted, it builds in full.
 * Either way the files are those of a build from scratch (see also incremental.property.test.ts).
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFeed, type BuildFeedOptions } from '../../src/builder/build-feed';
import type { BuildReport } from '../../src/builder/report';
import { listPageCount } from '../../src/feed/list-layout';
import { LIST_PAGE_SIZE } from '../../src/feed/schema';
import { termShardKey, tokenize } from '../../src/feed/text';
import { buildStateFile, loadBuildState } from '../../src/builder/build-state';
import { age, AI_DIR, POWERAPPS_NEWS_DIR, readerFiles, tempDir } from './helpers';

/** A content folder of real articles, an hour old (files modified just before a build are read again). */
function oldContent(): string {
  const content = path.join(tempDir('newsstand-patch-'), 'content');
  cpSync(AI_DIR, content, { recursive: true });
  for (const name of readdirSync(POWERAPPS_NEWS_DIR).sort().slice(0, 20)) {
    cpSync(path.join(POWERAPPS_NEWS_DIR, name), path.join(content, name));
  }
  age(content);
  return content;
}

/** Articles of the folder, sorted by name; Power Apps news first (their related lists are computed). */
function articleFiles(content: string): string[] {
  return readdirSync(content)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => path.join(content, name));
}

/** The options key a saved state was made with (its head's), to load it as a rebuild would. */
function stateKeyOf(stateFile: string): string {
  const bytes = readFileSync(stateFile);
  return (JSON.parse(bytes.toString('utf8', 4, 4 + bytes.readUInt32LE(0))) as { key: string }).key;
}

function edit(file: string, change: (text: string) => string): void {
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

/** Check the feed in `out` against a build from scratch of `content`; that build's report. */
async function sameAsScratch(content: string, out: string, includeUnpublished = false): Promise<BuildReport> {
  const scratch = path.join(tempDir(), 'scratch');
  const report = await buildFeed({ contentDirs: [content], outDir: scratch, includeUnpublished });
  expect(readerFiles(out)).toEqual(readerFiles(scratch));
  return report;
}

describe('patched rebuilds', () => {
  it('rewrite only the files that show an edited excerpt', async () => {
    const content = oldContent();
    const options = { contentDirs: [content], outDir: path.join(tempDir(), 'feed'), cacheDir: tempDir() };
    await buildFeed(options);
    const detail = (slug: string) => path.join(options.outDir, 'articles', `${slug}.json`);
    const [edited, other] = articleFiles(content);
    const slugOf = (file: string) => path.basename(file, '.md');
    const untouched = statSync(detail(slugOf(other!))).mtimeMs;

    edit(edited!, (text) => text.replace(/^excerpt: "/m, 'excerpt: "Patched in place. '));
    const report = await buildFeed(options);

    expect(report.output).toMatchObject({ incremental: true, patched: true });
    expect(report.output!.staged).toBeLessThan(report.output!.files);
    expect(report.cache?.reused).toBe(report.counts.files - 1);
    const shown = JSON.parse(readFileSync(detail(slugOf(edited!)), 'utf8')) as { article: { excerpt: string } };
    expect(shown.article.excerpt).toMatch(/^Patched in place\. /);
    expect(statSync(detail(slugOf(other!))).mtimeMs).toBe(untouched);
    await sameAsScratch(content, options.outDir);
  });

  it("stat the files in workers from the state's paths alone, while the rest of it is read", async () => {
    const content = oldContent();
    const options = { contentDirs: [content], outDir: path.join(tempDir(), 'feed'), cacheDir: tempDir() };
    const built = await buildFeed(options);
    const stateFile = buildStateFile(options.cacheDir, options.outDir);
    let given: string[] = [];
    const state = loadBuildState(stateFile, stateKeyOf(stateFile), (paths) => {
      given = Array.from({ length: paths.length }, (_, i) => paths.at(i));
    })!;
    expect(state.head.buildId).toBe(built.buildId);
    expect(given).toEqual([...state.paths.toArray()]);
    expect(state.head.articleFiles).toBe(built.counts.files);
    expect(given.slice(0, built.counts.files).every((file) => file.endsWith('.md'))).toBe(true);

    const [edited] = articleFiles(content);
    edit(edited!, (text) => text.replace(/^excerpt: "/m, 'excerpt: "Seen by a stat worker. '));
    process.env.NEWSSTAND_STAT_WORKERS = '1';
    try {
      const report = await buildFeed(options);
      expect(report.output).toMatchObject({ patched: true });
      expect(report.cache?.reused).toBe(report.counts.files - 1);
    } finally {
      delete process.env.NEWSSTAND_STAT_WORKERS;
    }
    await sameAsScratch(content, options.outDir);
  });

  it('add and remove term shards as a full build would', async () => {
    const content = oldContent();
    const options = { contentDirs: [content], outDir: path.join(tempDir(), 'feed'), cacheDir: tempDir() };
    const file = articleFiles(content)[2]!;
    const shard = path.join(options.outDir, 'index', 'terms', 'zz.json');
    await buildFeed(options);
    expect(existsSync(shard)).toBe(false);

    edit(file, (text) => text.replace(/^title: "/m, 'title: "Zzyzx: '));
    expect((await buildFeed(options)).output?.patched).toBe(true);
    expect(JSON.parse(readFileSync(shard, 'utf8'))).toMatchObject({ terms: { zzyzx: [expect.any(Number)] } });
    await sameAsScratch(content, options.outDir);

    edit(file, (text) => text.replace('Zzyzx: ', ''));
    expect((await buildFeed(options)).output?.patched).toBe(true);
    expect(existsSync(shard)).toBe(false);
    await sameAsScratch(content, options.outDir);
  });

  it('parse again a file modified as the last build began, even with its size and time put back', async () => {
    const content = oldContent();
    const options = { contentDirs: [content], outDir: path.join(tempDir(), 'feed'), cacheDir: tempDir() };
    const file = articleFiles(content)[3]!;
    const now = new Date();
    utimesSync(file, now, now);
    await buildFeed(options);
    const { size, atime, mtime } = statSync(file);
    // Same length, same time: only the build's "racy" check can see it.
    edit(file, (text) => text.replace(/^heat: (\d)/m, (_, digit: string) => `heat: ${digit === '9' ? '8' : '9'}`));
    utimesSync(file, atime, mtime);
    expect(statSync(file).size).toBe(size);

    const report = await buildFeed(options);
    expect(report.output?.patched).toBe(true);
    expect(report.cache?.reused).toBeLessThan(report.counts.files);
    await sameAsScratch(content, options.outDir);
  });

  it('add a new article to every file that shows it', async () => {
    const content = oldContent();
    const options = { contentDirs: [content], outDir: path.join(tempDir(), 'feed'), cacheDir: tempDir() };
    const first = await buildFeed(options);
    const termsDir = path.join(options.outDir, 'index', 'terms');
    const shardsBefore = new Map(
      readdirSync(termsDir).map((name) => [name, readFileSync(path.join(termsDir, name), 'utf8')]),
    );
    const source = articleFiles(content)[0]!;
    const url = 'https://example.com/news/a-new-article';
    const added = path.join(content, 'zz-a-new-article.md');
    writeFileSync(
      added,
      readFileSync(source, 'utf8')
        .replace(/^title: .*$/m, 'title: "A new article about robots"')
        .replace(/^publishedDateTime: .*$/m, 'publishedDateTime: 2030-01-01T08:00:00Z')
        .replace(/^originalUrl: .*$/m, `originalUrl: "${url}"`)
        .replace(/^webUrl: .*$/m, `webUrl: "${url}"`),
    );

    const report = await buildFeed(options);

    expect(report.output).toMatchObject({ incremental: true, patched: true });
    expect(report.counts).toMatchObject({ files: first.counts.files + 1, articles: first.counts.articles + 1 });
    const page = JSON.parse(readFileSync(path.join(options.outDir, 'lists', 'all', '1.json'), 'utf8')) as {
      total: number;
      items: { slug: string; title: string }[];
    };
    expect(page.total).toBe(first.counts.articles + 1);
    expect(page.items[0]).toMatchObject({ slug: 'zz-a-new-article', title: 'A new article about robots' });
    const detail = JSON.parse(readFileSync(path.join(options.outDir, 'articles', 'zz-a-new-article.json'), 'utf8'));
    expect(detail).toMatchObject({ article: { originalUrl: url, relatedComputed: true } });
    expect((detail as { article: { related: unknown[] } }).article.related.length).toBeGreaterThan(0);
    // Index rows count from the oldest: the newest article takes the last, and no other row moves,
    // so only the shards of its words change.
    const robots = JSON.parse(readFileSync(path.join(termsDir, 'ro.json'), 'utf8'));
    expect(robots).toMatchObject({ terms: { robots: [first.counts.articles] } });
    const { article } = JSON.parse(
      readFileSync(path.join(options.outDir, 'articles', 'zz-a-new-article.json'), 'utf8'),
    );
    const ownShards = new Set(
      tokenize(`${article.title} ${article.excerpt}`).map((term) => `${termShardKey(term)}.json`),
    );
    for (const name of readdirSync(termsDir)) {
      const text = readFileSync(path.join(termsDir, name), 'utf8');
      if (ownShards.has(name)) expect(text, name).not.toBe(shardsBefore.get(name));
      else expect(text, name).toBe(shardsBefore.get(name));
    }
    // The count of files the feed has, new pages included.
    expect(report.output!.files).toBe((await sameAsScratch(content, options.outDir)).output!.files);

    // Unpublished: only the report shows it.
    writeFileSync(
      path.join(content, 'zz-a-draft.md'),
      readFileSync(source, 'utf8')
        .replace(/^originalUrl: .*$/m, 'originalUrl: "https://example.com/news/a-draft"')
        .replace(/^webUrl: .*$/m, 'webUrl: "https://example.com/news/a-draft"')
        .replace(/^published: .*\n/m, '')
        .replace(/^---\n/, '---\npublished: false\n'),
    );
    const draft = await buildFeed(options);
    expect(draft.output?.patched).toBe(true);
    expect(draft.unpublished).toContain(path.join(content, 'zz-a-draft.md'));
    expect(draft.counts.articles).toBe(report.counts.articles);
    await sameAsScratch(content, options.outDir);
  });

  it('take out an article whose name ends in a number, unless a namesake would take its slug', async () => {
    const content = oldContent();
    const options = { contentDirs: [content], outDir: path.join(tempDir(), 'feed'), cacheDir: tempDir() };
    const source = readFileSync(articleFiles(content)[5]!, 'utf8');
    // b/story.md keeps "story" (first by path), story-2.md owns "story-2", so story.md gets "story-3".
    const names = ['solo-7.md', 'story-2.md', 'story.md', path.join('b', 'story.md')];
    mkdirSync(path.join(content, 'b'));
    names.forEach((name, i) => {
      const url = `https://example.com/news/numbered-${i}`;
      writeFileSync(
        path.join(content, name),
        source.replace(/^originalUrl: .*$/m, `originalUrl: "${url}"`).replace(/^webUrl: .*$/m, `webUrl: "${url}"`),
      );
    });
    age(content);
    await buildFeed(options);
    expect(existsSync(path.join(options.outDir, 'articles', 'story-3.json'))).toBe(true);

    rmSync(path.join(content, 'solo-7.md'));
    expect((await buildFeed(options)).output).toMatchObject({ patched: true });
    await sameAsScratch(content, options.outDir);

    rmSync(path.join(content, 'story-2.md'));
    expect((await buildFeed(options)).output?.patched).not.toBe(true);
    await sameAsScratch(content, options.outDir);
    expect(existsSync(path.join(options.outDir, 'articles', 'story-2.json'))).toBe(true);
    expect(existsSync(path.join(options.outDir, 'articles', 'story-3.json'))).toBe(false);
  });

  it('take a removed article out of every file that showed it, or build in full when others link to it', async () => {
    const content = oldContent();
    // Unpublished articles too: most of the sample's AI articles, which link to each other, are.
    const feed = { contentDirs: [content], outDir: path.join(tempDir(), 'feed'), includeUnpublished: true };
    const options = { ...feed, cacheDir: tempDir() };
    const files = articleFiles(content);
    // An AI article's source related list links to a Power Apps news article (see the redate below).
    const target = files[6]!;
    const targetUrl = /^originalUrl: "(.*)"$/m.exec(readFileSync(target, 'utf8'))![1]!;
    const linking = files.find((file) => /^related:\n/m.test(readFileSync(file, 'utf8')))!;
    edit(linking, (text) => text.replace(/^ {4}webUrl: .*$/m, `    webUrl: "${targetUrl}"`));
    // Two full pages of all articles or more, so that a removal leaves one page fewer (see list-layout.ts).
    const before = (await buildFeed(options)).counts.articles;
    const fullPages = Math.max(2 * LIST_PAGE_SIZE, Math.ceil(before / LIST_PAGE_SIZE) * LIST_PAGE_SIZE);
    for (let i = 0; i < fullPages - before; i++) {
      writeFileSync(
        path.join(content, `zz-extra-${i}.md`),
        readFileSync(files[5]!, 'utf8')
          .replace(/^originalUrl: .*$/m, `originalUrl: "https://example.com/news/extra-${i}"`)
          .replace(/^webUrl: .*$/m, `webUrl: "https://example.com/news/extra-${i}"`),
      );
    }
    const first = await buildFeed(options);
    expect(first.counts.articles % LIST_PAGE_SIZE).toBe(0);
    const lastPage = listPageCount(first.counts.articles, LIST_PAGE_SIZE);
    expect(listPageCount(first.counts.articles - 1, LIST_PAGE_SIZE)).toBe(lastPage - 1);
    expect(existsSync(path.join(options.outDir, 'lists', 'all', `${lastPage}.json`))).toBe(true);
    // A Power Apps news article (no related list links to it).
    const gone = files[3]!;
    const slug = path.basename(gone, '.md');
    const goneText = readFileSync(gone, 'utf8');
    rmSync(gone);

    const report = await buildFeed(options);

    expect(report.output).toMatchObject({ incremental: true, patched: true });
    expect(report.counts).toMatchObject({ files: first.counts.files - 1, articles: first.counts.articles - 1 });
    expect(existsSync(path.join(options.outDir, 'articles', `${slug}.json`))).toBe(false);
    const page = JSON.parse(readFileSync(path.join(options.outDir, 'lists', 'all', '1.json'), 'utf8')) as {
      total: number;
    };
    expect(page.total).toBe(first.counts.articles - 1);
    expect(existsSync(path.join(options.outDir, 'lists', 'all', `${lastPage}.json`))).toBe(false);
    expect(report.output!.files).toBe((await sameAsScratch(content, options.outDir, true)).output!.files);

    // Put back, it is a new article again: its URLs left the state with it.
    writeFileSync(gone, goneText);
    const back = await buildFeed(options);
    expect(back.output?.patched).toBe(true);
    expect(back.counts.articles).toBe(first.counts.articles);
    await sameAsScratch(content, options.outDir, true);

    // An AI article that another's source related list links to: its card there would become an
    // external link, which a full build makes.
    const rest = articleFiles(content);
    const linked = rest.find((file) => {
      const url = /^webUrl: "(.*)"$/m.exec(readFileSync(file, 'utf8'))?.[1];
      const linking = (other: string) => readFileSync(other, 'utf8').includes(`    webUrl: "${url}"`);
      return url && rest.some((other) => other !== file && linking(other));
    })!;
    // A redated article leaves and comes back as the same article: the links to it hold, and
    // show its new date.
    edit(target, (text) => text.replace(/^publishedDateTime: .*$/m, 'publishedDateTime: 2023-12-24T08:00:00Z'));
    expect((await buildFeed(options)).output?.patched).toBe(true);
    const linkingDetail = JSON.parse(
      readFileSync(path.join(options.outDir, 'articles', `${path.basename(linking, '.md')}.json`), 'utf8'),
    ) as { article: { related: { slug: string | null; publishedAt: string | null }[] } };
    expect(linkingDetail.article.related).toContainEqual(
      expect.objectContaining({ slug: path.basename(target, '.md'), publishedAt: '2023-12-24T08:00:00.000Z' }),
    );
    await sameAsScratch(content, options.outDir, true);

    rmSync(linked);
    expect((await buildFeed(options)).output?.patched).toBe(false);
    await sameAsScratch(content, options.outDir, true);

    // The first article by path of a news provider names it: removing one that names it
    // otherwise than the next renames the provider, which a full build does.
    const renaming = path.join(content, '0000-renames-its-provider.md');
    writeFileSync(
      renaming,
      readFileSync(files[3 + 1]!, 'utf8')
        .replace(/^originalUrl: .*$/m, 'originalUrl: "https://example.com/news/renames"')
        .replace(/^webUrl: .*$/m, 'webUrl: "https://example.com/news/renames"')
        .replace(/^( {2}name: ).*$/m, '$1"Another name"'),
    );
    expect((await buildFeed(options)).output?.patched).toBe(false);
    rmSync(renaming);
    expect((await buildFeed(options)).output?.patched).toBe(false);
    await sameAsScratch(content, options.outDir, true);
  });

  it('rank again an article whose first topics change place when new articles reorder the topics', async () => {
    // Five topics; the ranking looks at an article's first four by place (count, then slug).
    // "Many topics", the oldest article, is in all five; two new articles in Echo move Echo past
    // Delta, so that its candidates come from Echo's list instead of Delta's, far from where the
    // new articles are in either list. Echo's articles are nearer to it in time, so they rank.
    const content = path.join(tempDir(), 'content');
    mkdirSync(content);
    let id = 0;
    const article = (topics: string[], date: string, title = `Story ${++id}`) => {
      const slug = `${date}-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
      const body = [
        '---',
        `title: "${title}"`,
        `excerpt: "Words ${id}."`,
        `publishedDateTime: ${date}T08:00:00Z`,
        `originalUrl: "https://example.com/${slug}"`,
        'provider:',
        `  name: "Provider ${id % 7}"`,
        `  domain: provider${id % 7}.example.com`,
        'topics:',
        ...topics.map((topic) => `  - ${topic}`),
        '---',
        '',
      ].join('\n');
      writeFileSync(path.join(content, `${slug}.md`), body);
    };
    const day = (n: number) => new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    const fillers: [string, number, number][] = [
      ['Alpha', 20, 1],
      ['Bravo', 20, 600],
      ['Charlie', 14, 600],
      ['Delta', 12, 400],
      ['Echo', 11, 100],
    ];
    for (const [topic, count, from] of fillers) for (let k = 0; k < count; k++) article([topic], day(from + k));
    article(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'], day(0), 'Many topics');
    const options = { contentDirs: [content], outDir: path.join(tempDir(), 'feed'), cacheDir: tempDir() };
    age(content);
    await buildFeed(options);
    const related = () =>
      (
        JSON.parse(readFileSync(path.join(options.outDir, 'articles', `${day(0)}-many-topics.json`), 'utf8')) as {
          article: { related: { slug: string }[] };
        }
      ).article.related.map((item) => item.slug);
    const before = related();

    article(['Echo'], day(700));
    article(['Echo'], day(701));
    const report = await buildFeed(options);

    expect(report.output?.patched).toBe(true);
    expect(related()).not.toEqual(before);
    await sameAsScratch(content, options.outDir);
  });

  it('build in full when a new file is more than a new article of known topics and providers', async () => {
    const content = oldContent();
    const options = { contentDirs: [content], outDir: path.join(tempDir(), 'feed'), cacheDir: tempDir() };
    const [source, other] = articleFiles(content);
    const variants: [string, (text: string) => string][] = [
      // The same original URL as another file: a duplicate.
      ['zz-duplicate.md', (text) => text],
      // A topic the feed does not have.
      [
        'zz-new-topic.md',
        (text) =>
          text
            .replace(/^originalUrl: .*$/m, 'originalUrl: "https://example.com/news/new-topic"')
            .replace(/^webUrl: .*$/m, 'webUrl: "https://example.com/news/new-topic"')
            .replace(/^topics:\n/m, 'topics:\n  - A topic of its own\n'),
      ],
      // Front matter that does not parse.
      ['zz-broken.md', (text) => text.replace(/^title: .*$/m, 'title: [unclosed')],
      // A slug another file has (file names are slugged without their trailing dashes).
      [
        `${path.basename(other!, '.md')}-.md`,
        (text) =>
          text
            .replace(/^originalUrl: .*$/m, 'originalUrl: "https://example.com/news/same-slug"')
            .replace(/^webUrl: .*$/m, 'webUrl: "https://example.com/news/same-slug"'),
      ],
    ];
    await buildFeed(options);
    for (const [name, change] of variants) {
      writeFileSync(path.join(content, name), change(readFileSync(source!, 'utf8')));
      const report = await buildFeed(options);
      expect(report.output?.patched, name).toBe(false);
      await sameAsScratch(content, options.outDir);
    }
  });

  it('patch a redated article, and build in full when edits come with it or the state is not to be trusted', async () => {
    const content = oldContent();
    const cacheDir = tempDir();
    const options: BuildFeedOptions = { contentDirs: [content], outDir: path.join(tempDir(), 'feed'), cacheDir };
    const [first, second] = articleFiles(content);
    await buildFeed(options);

    // A redated article moves in every list it is in: it leaves and comes back (patched), but
    // not together with an edit of another article's text.
    edit(first!, (text) => text.replace(/^publishedDateTime: .*$/m, 'publishedDateTime: 2023-10-05T08:00:00Z'));
    expect((await buildFeed(options)).output?.patched).toBe(true);
    await sameAsScratch(content, options.outDir!);
    edit(first!, (text) => text.replace(/^publishedDateTime: .*$/m, 'publishedDateTime: 2023-10-06T08:00:00Z'));
    edit(second!, (text) => text.replace(/^excerpt: "/m, 'excerpt: "Edited with a redate. '));
    expect((await buildFeed(options)).output?.patched).toBe(false);
    await sameAsScratch(content, options.outDir!);

    writeFileSync(buildStateFile(cacheDir, options.outDir!), 'not a state');
    edit(second!, (text) => text.replace(/^excerpt: "/m, 'excerpt: "Edited. '));
    expect((await buildFeed(options)).output?.patched).toBe(false);
    await sameAsScratch(content, options.outDir!);

    // Another title makes another feed: the state of this one does not apply.
    edit(second!, (text) => text.replace(/^excerpt: "/m, 'excerpt: "Edited again. '));
    const retitled = await buildFeed({ ...options, title: 'Another title' });
    expect(retitled.output?.patched).toBe(false);
  });

  it('leave the feed as it was when a patch fails, and build right after', async () => {
    const content = oldContent();
    const options = { contentDirs: [content], outDir: path.join(tempDir(), 'feed'), cacheDir: tempDir() };
    await buildFeed(options);
    const before = readerFiles(options.outDir);
    edit(articleFiles(content)[1]!, (text) => text.replace(/^title: "/m, 'title: "Edited: '));

    const failing = buildFeed({
      ...options,
      onProgress: (_done, _total, phase) => {
        if (phase === 'write') throw new Error('injected failure');
      },
    });
    await expect(failing).rejects.toThrow('injected failure');
    expect(readerFiles(options.outDir)).toEqual(before);
    expect(readdirSync(options.outDir).filter((name) => name.startsWith('.'))).toEqual([]);

    await buildFeed(options);
    await sameAsScratch(content, options.outDir);
  });
});
