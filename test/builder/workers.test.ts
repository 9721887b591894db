// @vitest-environment node
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildFeed } from '../../src/builder/build-feed';
import type { FileResult } from '../../src/builder/parse-file';
import { normalizeContext, type NormalizedArticle } from '../../src/builder/normalize';
import { scanContent } from '../../src/builder/read-articles';
import { loadTaxonomy } from '../../src/builder/taxonomy';
import { cachedResults, openSourceCache } from '../../src/builder/source-cache';
import { TermVocabulary } from '../../src/builder/search-index';
import { parseInline, WORKER_THRESHOLD, WorkerPool } from '../../src/builder/worker-pool';
import { feedPaths } from '../../src/feed/urls';
import { makeCorpus } from '../bench/make-corpus';
import {
  AI_DIR,
  BAD_FILES_DIR,
  CONTENT_DIR,
  listFiles,
  POWERAPPS_NEWS_DIR,
  SEED_FILE,
  tempDir,
  withoutBuildTime,
} from './helpers';

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

    // Workers filling the cache, and again with the cache filled: the same feed again.
    vi.unstubAllEnvs();
    const cacheDir = tempDir();
    const cachedOut = path.join(tempDir(), 'feed');
    await buildFeed({ contentDirs: [content], outDir: cachedOut, cacheDir });
    const warmOut = path.join(tempDir(), 'feed');
    const warm = await buildFeed({ contentDirs: [content], outDir: warmOut, cacheDir });
    expect(warm.workers).toBeGreaterThan(0);
    expect(warm.counts).toEqual(pooled.counts);

    const files = listFiles(pooledOut).filter((file) => file !== feedPaths.buildReport());
    // Build times aside, every file is the same, byte for byte.
    const bytes = (out: string, file: string) => withoutBuildTime(readFileSync(path.join(out, file), 'utf8'));
    for (const out of [inlineOut, cachedOut, warmOut]) {
      expect(listFiles(out).filter((file) => file !== feedPaths.buildReport())).toEqual(files);
      for (const file of files) expect(bytes(out, file) === bytes(pooledOut, file), `${out}: ${file}`).toBe(true);
    }
  }, 120_000);
});

describe('the worker pool', () => {
  it("interns the articles' terms in the workers, afresh for each parse", async () => {
    const files = readdirSync(AI_DIR).filter((name) => name.endsWith('.md'));
    const tasks = files.map((name, order) => ({ abs: path.join(AI_DIR, name), rel: name, display: name, order }));
    const taxonomy = { topics: [], organizations: [] };
    const expected = parseInline(tasks, taxonomy).results.map((result) => (result.ok ? result.article.terms : null));
    expect(expected.filter((terms) => terms).length).toBe(files.length);
    const pool = await WorkerPool.start(2, taxonomy);
    try {
      // Twice on one pool: the second parse's vocabulary knows nothing of the first's terms.
      for (let round = 0; round < 2; round++) {
        const vocabulary = new TermVocabulary();
        const { results } = await pool.parse(tasks, { vocabulary });
        const terms = results.map((result) =>
          result.ok ? [...vocabulary.idsFor(result.article)].map((id) => vocabulary.terms[id]).join(' ') : null,
        );
        expect(terms).toEqual(expected);
        expect(results.every((result) => result.ok && result.article.terms === '')).toBe(true);
      }
    } finally {
      await pool.close();
    }
  });

  it('posts each provider and topic once a parse, and gives every article the same drafts as this thread would', async () => {
    // The Power Apps news: two workers, several posts each, real providers and topics.
    const files = readdirSync(POWERAPPS_NEWS_DIR).filter((name) => name.endsWith('.md'));
    const tasks = files.map((name, order) => ({
      abs: path.join(POWERAPPS_NEWS_DIR, name),
      rel: name,
      display: name,
      order,
    }));
    expect(tasks.length).toBeGreaterThan(2 * 250);
    const { taxonomy } = await loadTaxonomy(await scanContent([CONTENT_DIR]));
    const draftsOf = (article: NormalizedArticle) => [
      article.provider,
      article.topics,
      (article.related ?? []).map((draft) => draft.provider),
    ];
    const articles = (results: FileResult[]) => results.flatMap((result) => (result.ok ? [result.article] : []));
    const expected = articles(parseInline(tasks, taxonomy).results).map(draftsOf);
    const pool = await WorkerPool.start(2, taxonomy);
    try {
      for (let round = 0; round < 2; round++) {
        const parsed = articles((await pool.parse(tasks, { vocabulary: new TermVocabulary() })).results);
        expect(parsed.map(draftsOf)).toEqual(expected);
        // One object per provider and topic, whichever worker and post it came in.
        const seen = new Map<string, object>();
        for (const article of parsed) {
          for (const draft of [
            article.provider,
            ...article.topics,
            ...(article.related ?? []).map((d) => d.provider),
          ]) {
            const key = JSON.stringify(draft);
            expect(seen.get(key) ?? draft).toBe(draft);
            seen.set(key, draft);
          }
        }
        expect(new Set(parsed.map((article) => article.provider)).size).toBeLessThan(parsed.length / 2);
      }
    } finally {
      await pool.close();
    }
  });

  it('parses like the main thread, also when workers load through tsx, and writes batches', async () => {
    // A good file, a broken one and one with warnings: each result names its file.
    const files = [SEED_FILE, ...['broken-yaml.md', 'fixable.md'].map((name) => path.join(BAD_FILES_DIR, name))];
    const tasks = files.map((abs, order) => ({
      abs,
      rel: path.basename(abs),
      display: path.basename(abs),
      order,
    }));
    const taxonomy = { topics: [], organizations: [] };
    const expected = parseInline(tasks, taxonomy);
    expect(expected.results.map((result) => (result.ok ? result.article.warnings.length > 0 : 'skipped'))).toEqual([
      false,
      'skipped',
      true,
    ]);
    for (const bundle of [true, false]) {
      const pool = await WorkerPool.start(1, taxonomy, { bundle });
      try {
        expect(await pool.parse(tasks)).toEqual(expected);
        const cache = openSourceCache(tempDir(), [BAD_FILES_DIR], taxonomy);
        expect((await pool.parse(tasks, { cache })).results).toEqual(expected.results);
        // The worker kept each file's bytes in the cache: parsed again, they give the same articles.
        const kept = cachedResults(cache, files, normalizeContext(taxonomy));
        expect(files.map((abs) => kept.get(abs)?.rel)).toEqual(tasks.map((task) => task.rel));
        expect(files.map((abs) => summary(kept.get(abs)!.result))).toEqual(expected.results.map(summary));
        const dir = tempDir();
        const bytes = new TextEncoder().encode('{"a":1}[]');
        await pool.write({
          root: dir,
          dirs: [],
          paths: ['a.json', 'b.json'],
          ends: Int32Array.of(1, 2),
          pieces: Int32Array.of(-1, 0, 7, -1, 7, 9),
          bytes: bytes.buffer,
          shared: [],
        });
        expect(readFileSync(path.join(dir, 'a.json'), 'utf8')).toBe('{"a":1}');
        expect(readFileSync(path.join(dir, 'b.json'), 'utf8')).toBe('[]');
        // Ranges of shared chunks, named once and kept for later batches, between the batch's own bytes.
        const cards = Buffer.from(new SharedArrayBuffer(16));
        cards.write('{"c":1},{"c":2}');
        const sub = path.join(dir, 'lists', 'x');
        await pool.write({
          root: dir,
          dirs: ['lists/x'],
          paths: ['lists/x/1.json'],
          ends: Int32Array.of(3),
          pieces: Int32Array.of(-1, 0, 1, 7, 0, 15, -1, 1, 2),
          bytes: new TextEncoder().encode('[]').buffer,
          shared: [{ id: 7, buffer: cards.buffer as SharedArrayBuffer }],
        });
        expect(readFileSync(path.join(sub, '1.json'), 'utf8')).toBe('[{"c":1},{"c":2}]');
        await pool.write({
          root: dir,
          dirs: [],
          paths: ['c.json', 'd.json'],
          ends: Int32Array.of(1, 1),
          pieces: Int32Array.of(7, 7, 8),
          bytes: new ArrayBuffer(0),
          shared: [],
        });
        expect(readFileSync(path.join(dir, 'c.json'), 'utf8')).toBe(',');
        expect(readFileSync(path.join(dir, 'd.json'), 'utf8')).toBe('');
        await expect(
          pool.write({
            root: dir,
            dirs: [],
            paths: ['no/such/dir.json'],
            ends: Int32Array.of(0),
            pieces: Int32Array.of(),
            bytes: new ArrayBuffer(0),
            shared: [],
          }),
        ).rejects.toThrow(/ENOENT/);
      } finally {
        await pool.close();
      }
    }
  }, 30_000);

  it('keeps the bytes of the files it parses in the cache, and holds nothing of a cut shard', () => {
    const tasks = [SEED_FILE].map((abs, order) => ({ abs, rel: path.basename(abs), display: 'seed.md', order }));
    const taxonomy = { topics: [], organizations: [] };
    const context = normalizeContext(taxonomy);
    const cache = openSourceCache(tempDir(), [path.dirname(SEED_FILE)], taxonomy);
    const parsed = parseInline(tasks, taxonomy, { cache });
    const kept = cachedResults(cache, [SEED_FILE], context).get(SEED_FILE);
    expect(kept && summary(kept.result)).toEqual(summary(parsed.results[0]!));
    const [shard] = listFiles(cache.dir);
    const file = path.join(cache.dir, shard!);
    writeFileSync(file, readFileSync(file).subarray(0, -10));
    expect(cachedResults(cache, [SEED_FILE], context).size).toBe(0);
  });
});

/** What a parse result says of its file, whatever it was named. */
function summary(result: FileResult): string {
  return result.ok ? `${result.article.title} (${result.article.warnings.length} warnings)` : result.problem.reason;
}
