// @vitest-environment node
/**
 * What `npm run feed -- --watch` rebuilds from: the paths a ContentWatcher saw change, and the
 * last build's state kept in memory (keepBuildStates) while its file is still the one saved.
 * Their rebuilds against builds from scratch: incremental.property.test.ts; the command: cli.test.ts.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFeed } from '../../src/builder/build-feed';
import { buildStateFile, keepBuildStates, keptBuildState } from '../../src/builder/build-state';
import { isGrowable } from '../../src/builder/lists';
import { ContentWatcher } from '../../src/builder/watch-content';
import { AI_DIR, oldCopyOf, tempDir } from './helpers';

const articles = (content: string) =>
  readdirSync(content)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => path.join(content, name));

const retitle = (file: string, title: string) =>
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, `title: "${title}"`));

afterEach(() => keepBuildStates(false));

describe('the state kept in memory', () => {
  async function builtAndKept() {
    const content = oldCopyOf(AI_DIR);
    const options = { contentDirs: [content], outDir: path.join(tempDir(), 'feed'), cacheDir: tempDir() };
    keepBuildStates();
    await buildFeed(options);
    const file = buildStateFile(options.cacheDir, options.outDir);
    return { content, options, file };
  }

  it('is what the next rebuild starts from, instead of the file', async () => {
    const { content, options, file } = await builtAndKept();
    const kept = keptBuildState(file);
    expect(kept).not.toBeNull();
    // A kept state that names another build than the feed's: a rebuild from it must build in full.
    kept!.head.buildId = 'another build';
    const [first, second] = articles(content);
    retitle(first!, 'Kept in memory');
    const fromKept = await buildFeed({ ...options, changedPaths: [first!] });
    expect(fromKept.output?.patched).toBe(false);
    // The full build's state is kept in its stead, and the next edit patches from it.
    expect(keptBuildState(file)).not.toBe(kept);
    retitle(second!, 'Kept again');
    const next = await buildFeed({ ...options, changedPaths: [second!] });
    expect(next.output?.patched).toBe(true);
  });

  it('is left for the file once another build has saved that', async () => {
    const { content, options, file } = await builtAndKept();
    keptBuildState(file)!.head.buildId = 'another build';
    // Another process saves the state again: a new file renamed over the old, with the same bytes.
    copyFileSync(file, `${file}.other`);
    renameSync(`${file}.other`, file);
    const [first] = articles(content);
    retitle(first!, 'Read from the file');
    const report = await buildFeed({ ...options, changedPaths: [first!] });
    expect(report.output?.patched).toBe(true);
  });

  it('keeps its term lists with room to grow where they lie, as a state read from its file has them', async () => {
    const { file } = await builtAndKept();
    const { termsOf, postings } = keptBuildState(file)!.ranker;
    expect(isGrowable(termsOf.values)).toBe(true);
    expect(isGrowable(postings.values)).toBe(true);
  });

  it('is not kept when the build is told not to keep states', async () => {
    const { options, file } = await builtAndKept();
    keepBuildStates(false);
    await buildFeed(options);
    expect(keptBuildState(file)).toBeNull();
  });
});

describe('the content watcher', () => {
  const watchers: ContentWatcher[] = [];
  afterEach(() => {
    for (const watcher of watchers.splice(0)) watcher.close();
  });

  async function watching(root: string, exclude: string[] = []) {
    const watcher = await ContentWatcher.start([root], exclude, { quietMs: 100 });
    watchers.push(watcher);
    return watcher;
  }

  it('hands over the files changed, added and removed, once the folders are quiet', async () => {
    const root = tempDir('newsstand-watcher-');
    mkdirSync(path.join(root, 'news/2024'), { recursive: true });
    writeFileSync(path.join(root, 'news/2024/a.md'), 'a');
    writeFileSync(path.join(root, 'news/2024/b.md'), 'b');
    const watcher = await watching(root);

    writeFileSync(path.join(root, 'news/2024/a.md'), 'a, edited');
    writeFileSync(path.join(root, 'news/2024/c.md'), 'c');
    rmSync(path.join(root, 'news/2024/b.md'));
    expect((await watcher.next())?.sort()).toEqual(
      ['a.md', 'b.md', 'c.md'].map((name) => path.join(root, 'news/2024', name)),
    );

    // Nothing more until the next change.
    const next = watcher.next();
    writeFileSync(path.join(root, 'news/2024/a.md'), 'a, again');
    expect(await next).toEqual([path.join(root, 'news/2024/a.md')]);
  });

  it('watches folders made after it started, and leaves out hidden entries and excluded folders', async () => {
    const root = tempDir('newsstand-watcher-');
    mkdirSync(path.join(root, 'out'));
    const watcher = await watching(root, [path.join(root, 'out')]);

    mkdirSync(path.join(root, '2025'));
    expect(await watcher.next()).toEqual([path.join(root, '2025')]);
    // The new folder's watch begins as its creation is seen (stat, realpath, then watch): give it time.
    await new Promise((resolve) => setTimeout(resolve, 500));
    writeFileSync(path.join(root, '.draft.md.swp'), 'swap');
    writeFileSync(path.join(root, 'out', 'feed.json'), '{}');
    writeFileSync(path.join(root, '2025', 'new.md'), 'new');
    expect(await watcher.next()).toEqual([path.join(root, '2025', 'new.md')]);
  });

  it('tells of a folder it cannot watch, and hands over "anything may have changed" from then on', async () => {
    const root = tempDir('newsstand-watcher-');
    mkdirSync(path.join(root, 'unwatchable'));
    const blind: string[] = [];
    const watcher = await ContentWatcher.start([root], [], {
      quietMs: 100,
      onBlind: (folder) => blind.push(folder),
      // As fs.watch fails at the system's limit of inotify watches.
      watchFolder: (folder, listener) => {
        if (path.basename(folder) === 'unwatchable')
          throw Object.assign(new Error('no watches left'), { code: 'ENOSPC' });
        return watch(folder, listener);
      },
    });
    watchers.push(watcher);
    expect(await watcher.next()).toBeNull();
    expect(blind).toEqual([path.join(root, 'unwatchable')]);
    // A change it does see: the unwatched folder may have changed too, so every file is to be statted.
    writeFileSync(path.join(root, 'seen.md'), 'seen');
    expect(await watcher.next()).toBeNull();
  });
});
