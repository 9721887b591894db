// @vitest-environment node
/**
 * Patched rebuilds (patch-build.ts): when only articles' text changed since the last build
 * through the cache, the builder patches that feed, rewriting only the files that show what
 * changed; in every other case, and whenever its state cannot be trusted, it builds in full.
 * Either way the files are those of a build from scratch (see also incremental.property.test.ts).
 */
import { cpSync, existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFeed, type BuildFeedOptions } from '../../src/builder/build-feed';
import { buildStateFile } from '../../src/builder/build-state';
import { AI_DIR, POWERAPPS_NEWS_DIR, readerFiles, tempDir } from './helpers';

/** A content folder of real articles, an hour old (files modified just before a build are read again). */
function oldContent(): string {
  const content = path.join(tempDir('newsstand-patch-'), 'content');
  cpSync(AI_DIR, content, { recursive: true });
  for (const name of readdirSync(POWERAPPS_NEWS_DIR).sort().slice(0, 20)) {
    cpSync(path.join(POWERAPPS_NEWS_DIR, name), path.join(content, name));
  }
  const past = new Date(Date.now() - 3_600_000);
  for (const name of readdirSync(content)) utimesSync(path.join(content, name), past, past);
  utimesSync(content, past, past);
  return content;
}

/** Articles of the folder, sorted by name; Power Apps news first (their related lists are computed). */
function articleFiles(content: string): string[] {
  return readdirSync(content)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => path.join(content, name));
}

function edit(file: string, change: (text: string) => string): void {
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

async function sameAsScratch(content: string, out: string): Promise<void> {
  const scratch = path.join(tempDir(), 'scratch');
  await buildFeed({ contentDirs: [content], outDir: scratch });
  expect(readerFiles(out)).toEqual(readerFiles(scratch));
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

  it('build in full when more than text changed, or the state is not to be trusted', async () => {
    const content = oldContent();
    const cacheDir = tempDir();
    const options: BuildFeedOptions = { contentDirs: [content], outDir: path.join(tempDir(), 'feed'), cacheDir };
    const [first, second] = articleFiles(content);
    await buildFeed(options);

    edit(first!, (text) => text.replace(/^publishedDateTime: .*$/m, 'publishedDateTime: 2023-10-05T08:00:00Z'));
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
