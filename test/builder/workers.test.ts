// @vitest-environment node
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildFeed } from '../../src/builder/build-feed';
import { parseInline, WORKER_THRESHOLD, WorkerPool } from '../../src/builder/worker-pool';
import { feedPaths } from '../../src/feed/urls';
import { makeCorpus } from '../bench/make-corpus';
import { BAD_FILES_DIR, listFiles, SEED_FILE, tempDir } from './helpers';

describe('a synthetic corpus large enough for the worker pool', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('gives the counts the corpus maker expects, and the same feed as an inline build', async () => {
    const content = path.join(tempDir(), 'content');
    const stats = makeCorpus({ dir: content, count: WORKER_THRESHOLD + 200, topics: 40, providers: 300, seed: 7 });

    const pooledOut = path.join(tempDir(), 'feed');
    const pooled = await buildFeed({ contentDirs: [content], outDir: pooledOut });
    expect(pooled.workers).toBeGreaterThan(0);
    expect(pooled.counts).toMatchObject({
      files: stats.files,
      articles: stats.published,
      skipped: stats.broken,
      duplicates: stats.duplicates,
      unpublished: stats.unpublished,
    });

    vi.stubEnv('NEWSSTAND_BUILD_WORKERS', '0');
    const inlineOut = path.join(tempDir(), 'feed');
    const inline = await buildFeed({ contentDirs: [content], outDir: inlineOut });
    expect(inline.workers).toBe(0);
    expect(inline.buildId).toBe(pooled.buildId);

    const files = listFiles(pooledOut);
    expect(listFiles(inlineOut)).toEqual(files);
    const timestamped = new Set([feedPaths.manifest(), feedPaths.buildReport()]);
    for (const file of files.filter((f) => !timestamped.has(f))) {
      expect(readFileSync(path.join(inlineOut, file)).equals(readFileSync(path.join(pooledOut, file))), file).toBe(
        true,
      );
    }
  }, 60_000);
});

describe('the worker pool', () => {
  it('parses like the main thread, also when workers load through tsx, and writes batches', async () => {
    const tasks = [SEED_FILE, path.join(BAD_FILES_DIR, 'broken-yaml.md')].map((abs, order) => ({
      abs,
      rel: path.basename(abs),
      display: path.basename(abs),
      order,
    }));
    const taxonomy = { topics: [], organizations: [] };
    const expected = parseInline(tasks, taxonomy);
    for (const bundle of [true, false]) {
      const pool = await WorkerPool.start(1, taxonomy, { bundle });
      try {
        expect(await pool.parse(tasks)).toEqual(expected);
        const dir = tempDir();
        const bytes = new TextEncoder().encode('{"a":1}[]');
        await pool.write({
          dirs: [],
          paths: [path.join(dir, 'a.json'), path.join(dir, 'b.json')],
          ends: [7, 9],
          bytes: bytes.buffer,
        });
        expect(readFileSync(path.join(dir, 'a.json'), 'utf8')).toBe('{"a":1}');
        expect(readFileSync(path.join(dir, 'b.json'), 'utf8')).toBe('[]');
        const sub = path.join(dir, 'lists', 'x');
        await pool.write({
          dirs: [sub],
          paths: [path.join(sub, '1.json')],
          ends: [2],
          bytes: new TextEncoder().encode('[]').buffer,
        });
        expect(readFileSync(path.join(sub, '1.json'), 'utf8')).toBe('[]');
        await expect(
          pool.write({
            dirs: [],
            paths: [path.join(dir, 'no', 'such', 'dir.json')],
            ends: [0],
            bytes: new ArrayBuffer(0),
          }),
        ).rejects.toThrow(/ENOENT/);
      } finally {
        await pool.close();
      }
    }
  }, 30_000);
});
