// @vitest-environment node
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildFeed } from '../../src/builder/build-feed';
import { WORKER_THRESHOLD } from '../../src/builder/worker-pool';
import { feedPaths } from '../../src/feed/urls';
import { makeCorpus } from '../bench/make-corpus';
import { listFiles, tempDir } from './helpers';

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
