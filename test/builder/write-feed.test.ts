// @vitest-environment node
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFeed, BuildUsageError, type BuildFeedOptions } from '../../src/builder/build-feed';
import { outputRecordFile } from '../../src/builder/output-record';
import { formatOutput } from '../../src/builder/report';
import { writeBatch } from '../../src/builder/worker-protocol';
import { confinedPath, FeedWriter, UnsafePathError, type FileSink, type WriteLane } from '../../src/builder/write-feed';
import { ArticleDetailSchema, ManifestSchema } from '../../src/feed/schema';
import { feedPaths } from '../../src/feed/urls';
import { AI_DIR, badFilesCorpus, CONTENT_DIR, listFiles, readerFiles, readFeedFile, tempDir } from './helpers';

/** Every file under `dir` with its content, to compare a folder before and after. */
function snapshotFolder(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((file) => [file, readFileSync(path.join(dir, file), 'latin1')]));
}

/** Folders under `dir` with nothing in them. */
function emptyFolders(dir: string): string[] {
  const empty: string[] = [];
  const walk = (sub: string) => {
    const entries = readdirSync(sub, { withFileTypes: true });
    if (entries.length === 0) empty.push(path.relative(dir, sub));
    for (const entry of entries) if (entry.isDirectory()) walk(path.join(sub, entry.name));
  };
  walk(dir);
  return empty;
}

describe('confined output paths', () => {
  const root = path.resolve('/srv/feed/.staging-x');

  it.each([
    '../etc/passwd',
    '../../outside.json',
    '/abs/file.json',
    'articles/../../x.json',
    'a\\b.json',
    'nul\0.json',
    'articles/.hidden.json',
    '',
    'articles//x.json',
  ])('refuses %j', (relPath) => {
    expect(() => confinedPath(root, relPath)).toThrow(UnsafePathError);
  });

  it('accepts the feed’s own paths', () => {
    expect(confinedPath(root, feedPaths.article('a-b-1'))).toBe(path.join(root, 'articles', 'a-b-1.json'));
    expect(confinedPath(root, feedPaths.logo('aws.amazon.com-50x50.jpg'))).toBe(
      path.join(root, 'logos', 'aws.amazon.com-50x50.jpg'),
    );
    expect(confinedPath(root, feedPaths.termShard('u65e5-672c'))).toBe(
      path.join(root, 'index', 'terms', 'u65e5-672c.json'),
    );
  });

  it('writes nothing for a refused path', async () => {
    const out = path.join(tempDir(), 'feed');
    const writer = await FeedWriter.open(out);
    expect(() => writer.write('../escape.json', '{}')).toThrow(UnsafePathError);
    await writer.abort();
    expect(readdirSync(path.dirname(out))).toEqual(['feed']);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('files made of pieces', () => {
  it('are the same bytes whether the sink copies the shared ranges or this thread does, across batches', async () => {
    const cards = Buffer.from(new SharedArrayBuffer(4096));
    for (let i = 0; i < cards.length; i++) cards[i] = 0x41 + (i % 26);
    // Writes each batch in this thread, as a worker would.
    const sink: FileSink = {
      write: async (batch) => {
        const error = writeBatch(batch);
        if (error) throw new Error(error);
        return batch.bytes;
      },
    };
    const outs = [tempDir(), tempDir()];
    for (const [k, out] of outs.entries()) {
      const writer = await FeedWriter.open(out, k === 0 ? { sink } : null);
      const chunk = writer.share([cards]);
      // ~6 MB in 3,000 files, so files move to a new batch midway (their shared ranges too).
      for (let i = 0; i < 3000; i++) {
        expect(writer.begin(`articles/a${i}.json`)).toBe(true);
        writer.addText(`{"n":${i},"é":"`);
        writer.addShared(chunk, i % 100, 1000 + (i % 1000));
        writer.add(Buffer.from('xyz!'), 1);
        writer.addShared(chunk, 5, 6);
        writer.addText('"}');
        writer.end();
        if (i % 100 === 0) await writer.ready();
      }
      writer.write('index/big.json', 'b'.repeat(3 << 20));
      writer.writeParts('lists/all/1.json', ['[', cards.subarray(0, 10), ']']);
      await writer.commit();
    }
    const [piecewise, copied] = outs.map((out) => snapshotFolder(out));
    expect(piecewise!.size).toBe(3002);
    expect(piecewise).toEqual(copied);
    expect(copied!.get('articles/a7.json')).toBe(
      Buffer.from(`{"n":7,"é":"${cards.subarray(7, 1007).toString()}xyzF"}`).toString('latin1'),
    );
  });
});

describe('write lanes', () => {
  /**
   * A sink that writes the batches of lanes not in `held` at once and holds the others' until
   * released, as a lane whose disk is slower than the thread that makes its files; it notes each
   * batch's lane and paths. `releasing(commit)` releases them as they come until the commit ends.
   */
  function heldSink(held: WriteLane[]) {
    const waiting: (() => void)[] = [];
    const batches: { lane: WriteLane; paths: string[] }[] = [];
    const sink: FileSink = {
      write: async (batch, lane) => {
        batches.push({ lane, paths: [...batch.paths] });
        if (held.includes(lane)) await new Promise<void>((resolve) => waiting.push(resolve));
        const error = writeBatch(batch);
        if (error) throw new Error(error);
        return batch.bytes;
      },
    };
    const release = () => {
      for (const resume of waiting.splice(0)) resume();
    };
    const releasing = async (commit: () => Promise<void>) => {
      const timer = setInterval(release, 5);
      try {
        await commit();
      } finally {
        clearInterval(timer);
      }
    };
    return { sink, batches, releasing };
  }

  it('send details to lane 1 while lane 0 is backed up, each lane making the folder, the files unchanged', async () => {
    const { sink, batches, releasing } = heldSink([0]);
    const outs = [tempDir(), tempDir()];
    for (const [k, out] of outs.entries()) {
      const writer = await FeedWriter.open(out, k === 0 ? { sink } : null);
      writer.write('lists/all/1.json', '{"page":1}');
      // ~12 MB of details: more than lane 0's batches in flight hold (4 × 2 MB).
      for (let i = 0; i < 3000; i++) {
        writer.write(feedPaths.article(`a${i}`), `{"n":${i},"text":"${'x'.repeat(4000)}"}`);
        // As emitFeed waits for room for the next detail.
        if (writer.isFull(0)) await writer.ready(0);
      }
      if (k === 0) {
        expect(writer.isFull(0)).toBe(false); // lane 1 had room all along
        await releasing(() => writer.commit());
      } else {
        await writer.commit();
      }
    }
    const [overflowed, inline] = outs.map((out) => snapshotFolder(out));
    expect(overflowed!.size).toBe(3001);
    expect(overflowed).toEqual(inline);
    const detailsIn = (lane: WriteLane) =>
      batches
        .filter((batch) => batch.lane === lane)
        .flatMap((batch) => batch.paths.filter((p) => p.startsWith('articles/')));
    // Lane 1's details were written while lane 0's batches, the first of them included, were held.
    expect(detailsIn(1).length).toBeGreaterThan(500);
    expect(detailsIn(0).length).toBeGreaterThan(0);
    expect(detailsIn(0).length + detailsIn(1).length).toBe(3000);
  });

  it('keep details in lane 0 while lane 1 has no room either', async () => {
    const { sink, batches, releasing } = heldSink([0, 1]);
    const lanes = () => batches.map((batch) => batch.lane);
    const writer = await FeedWriter.open(tempDir(), { sink });
    // Lane 1 full first: 4 batches of other files in flight, none written.
    for (let i = 0; batches.length < 4; i++) writer.write(`lists/all/${i + 1}.json`, 'l'.repeat(1 << 20));
    expect(writer.isFull(1)).toBe(true);
    let i = 0;
    for (; !writer.isFull(0); i++) writer.write(feedPaths.article(`a${i}`), 'd'.repeat(1 << 20));
    expect(lanes().filter((lane) => lane === 0).length).toBe(4);
    // Past the wait emitFeed would do: still lane 0, the one that holds details.
    for (const end = i + 6; i < end; i++) writer.write(feedPaths.article(`a${i}`), 'd'.repeat(1 << 20));
    expect(batches.length).toBeGreaterThan(6);
    expect(lanes().slice(4)).toEqual(
      lanes()
        .slice(4)
        .map(() => 0),
    );
    await releasing(() => writer.commit());
  });
});

describe('hostile input', () => {
  it('never writes outside the output folder, whatever titles, topics and domains say', async () => {
    const sandbox = tempDir();
    const content = badFilesCorpus(path.join(sandbox, 'content'));
    const out = path.join(sandbox, 'out');
    const report = await buildFeed({ contentDirs: [content], outDir: out });

    expect(readdirSync(sandbox).sort()).toEqual(['content', 'out']);
    expect(listFiles(path.join(sandbox, 'content')).length).toBe(readdirSync(content).length);
    for (const file of listFiles(out)) expect(file).toMatch(/^[a-z0-9][a-z0-9./-]*$/);

    const hostile = readFeedFile(out, feedPaths.article('hostile'), ArticleDetailSchema).article;
    expect(hostile.title).toBe('../../etc/passwd');
    expect(hostile.topics).toEqual(['etc', 'abs', 'a-b', 'nul-byte']);
    expect(hostile.provider.slug).toBe('hostile-example-com');
    expect(existsSync(path.join(out, feedPaths.article('hostile-name-copy')))).toBe(true);
    expect(report.counts.articles).toBe(4); // fixable, hostile, the odd file name, bom-crlf
  });

  it('reports every bad file with its field and skips only those', async () => {
    const content = badFilesCorpus(path.join(tempDir(), 'content'));
    const report = await buildFeed({ contentDirs: [content], outDir: path.join(tempDir(), 'out') });
    const skipped = Object.fromEntries(report.skipped.map((p) => [path.basename(p.file), p.field]));
    expect(skipped).toEqual({
      'bad-date.md': 'publishedDateTime',
      'broken-yaml.md': 'front matter',
      'empty-front-matter.md': 'front matter',
      'empty-title.md': 'title',
      'empty.md': 'file',
      'invalid-utf8.md': 'file',
      'missing-date.md': 'publishedDateTime',
      'missing-title.md': 'title',
      'no-front-matter.md': 'front matter',
      'no-http-url.md': 'originalUrl',
      'not-a-mapping.md': 'front matter',
      'unclosed-front-matter.md': 'front matter',
      'whitespace-only.md': 'file',
    });
    expect(report.skipped.every((p) => p.file.startsWith(content) && p.severity === 'error')).toBe(true);
    expect(report.summary).toBe('4 articles, 13 skipped, 0 duplicates, 0 unpublished');
    expect(report.warnings.map((w) => `${path.basename(w.file)}: ${w.field}`)).toContain('fixable.md: type');
  });
});

describe('atomic output', () => {
  it('leaves the previous output intact when a build fails while writing or swapping', async () => {
    const out = path.join(tempDir(), 'feed');
    await buildFeed({ contentDirs: [AI_DIR], outDir: out, includeUnpublished: true });
    writeFileSync(path.join(out, 'README.txt'), 'not the builder’s');
    const before = snapshotFolder(out);

    for (const failIn of ['write', 'commit'] as const) {
      let calls = 0;
      const failing = buildFeed({
        contentDirs: [CONTENT_DIR],
        outDir: out,
        onProgress: (_done, _total, phase) => {
          // Fail mid-phase: after some files are staged, or after some entries were swapped.
          if (phase === failIn && ++calls === 3) throw new Error(`injected failure in ${failIn}`);
        },
      });
      await expect(failing).rejects.toThrow(`injected failure in ${failIn}`);
      expect(snapshotFolder(out)).toEqual(before);
      expect(readdirSync(out).filter((name) => name.startsWith('.'))).toEqual([]);
    }

    // A good build replaces only the builder's own entries.
    await buildFeed({ contentDirs: [CONTENT_DIR], outDir: out });
    expect(readFileSync(path.join(out, 'README.txt'), 'utf8')).toBe('not the builder’s');
    expect(readFeedFile(out, feedPaths.manifest(), ManifestSchema).articleCount).toBeGreaterThan(30);
  });

  it('with a cache, rebuilds only changed files, removes vanished ones, and restores the previous output on failure', async () => {
    const out = path.join(tempDir(), 'feed');
    const cacheDir = tempDir();
    const build = (contentDir: string, cache = true, onProgress?: BuildFeedOptions['onProgress']) =>
      buildFeed({ contentDirs: [contentDir], outDir: out, onProgress, ...(cache ? { cacheDir } : {}) });
    const first = await build(AI_DIR);
    expect(first.output?.incremental).toBe(false);
    const before = snapshotFolder(out);

    for (const failIn of ['write', 'commit'] as const) {
      let calls = 0;
      const failing = build(CONTENT_DIR, true, (_done, _total, phase) => {
        if (phase === failIn && ++calls === 3) throw new Error(`injected failure in ${failIn}`);
      });
      await expect(failing).rejects.toThrow(`injected failure in ${failIn}`);
      expect(snapshotFolder(out)).toEqual(before);
      expect(readdirSync(out).filter((name) => name.startsWith('.'))).toEqual([]);
    }

    // Growing, then shrinking back: each time the same files as a build from scratch. While
    // files move there is no record: a build killed then must not leave one that lies.
    const recordFile = outputRecordFile(cacheDir, out);
    for (const contentDir of [CONTENT_DIR, AI_DIR]) {
      const recordWhileMoving: boolean[] = [];
      const report = await build(contentDir, true, (_done, _total, phase) => {
        if (phase === 'commit') recordWhileMoving.push(existsSync(recordFile));
      });
      expect(report.output?.incremental).toBe(true);
      expect(recordWhileMoving.length).toBeGreaterThan(0);
      expect(recordWhileMoving.every((present) => !present)).toBe(true);
      expect(existsSync(recordFile)).toBe(true);
      const scratch = path.join(tempDir(), 'feed');
      await buildFeed({ contentDirs: [contentDir], outDir: scratch });
      expect(readerFiles(out)).toEqual(readerFiles(scratch));
      expect(emptyFolders(out)).toEqual([]);
    }

    // Nothing changed: only the build report (timings) and the files that give the build time are
    // written, by patching the last feed (its files are older than the build: see patch-build.ts).
    const timed = [...snapshotFolder(out)].filter(([, text]) => text.includes('"generatedAt"')).length;
    expect(timed).toBeGreaterThan(0);
    const again = await build(AI_DIR);
    const files = snapshotFolder(out).size;
    expect(again.output).toEqual({ incremental: true, patched: true, staged: timed, files });
    expect(formatOutput(again)).toBe(
      `patched the last feed: wrote ${timed} of ${files} feed files (the others were unchanged); ` +
        `${again.counts.files} of ${again.counts.files} article files unchanged, not read again`,
    );

    // Asked not to patch, it builds in full, with the same files.
    const full = await buildFeed({ contentDirs: [AI_DIR], outDir: out, cacheDir, patch: false });
    expect(full.output).toMatchObject({ incremental: true, patched: false, staged: timed });

    // A build without the cache wrote the folder: the record no longer describes it.
    const uncached = await build(CONTENT_DIR, false);
    expect(uncached.output).toEqual({
      incremental: false,
      patched: false,
      staged: snapshotFolder(out).size,
      files: snapshotFolder(out).size,
    });
    expect(formatOutput(uncached)).toBe(`wrote ${snapshotFolder(out).size} feed files`);
    expect((await build(AI_DIR)).output?.incremental).toBe(false);
  });

  it('refuses a second build into the same folder while one is running', async () => {
    const out = path.join(tempDir(), 'feed');
    const first = buildFeed({ contentDirs: [AI_DIR], outDir: out });
    const second = buildFeed({ contentDirs: [AI_DIR], outDir: out });
    const results = await Promise.allSettled([first, second]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(readdirSync(out).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('in strict mode writes nothing when a file was skipped', async () => {
    const content = badFilesCorpus(path.join(tempDir(), 'content'));
    const out = path.join(tempDir(), 'feed');
    const report = await buildFeed({ contentDirs: [content], outDir: out, strict: true });
    expect(report).toMatchObject({ ok: false, written: false, buildId: null });
    expect(existsSync(out)).toBe(false);

    const clean = await buildFeed({ contentDirs: [AI_DIR], outDir: out, strict: true });
    expect(clean).toMatchObject({ ok: true, written: true });
  });

  it('rejects options that cannot work', async () => {
    const dir = tempDir();
    await expect(buildFeed({ contentDirs: [path.join(dir, 'missing')], outDir: dir })).rejects.toThrow(BuildUsageError);
    await expect(
      buildFeed({ contentDirs: [AI_DIR], outDir: path.join(dir, 'x'), siteUrl: 'javascript:x' }),
    ).rejects.toThrow(BuildUsageError);
    // The swap would replace entries of <out>: content inside it is refused.
    mkdirSync(path.join(dir, 'articles'));
    await expect(buildFeed({ contentDirs: [path.join(dir, 'articles')], outDir: dir })).rejects.toThrow(
      BuildUsageError,
    );
  });
});
