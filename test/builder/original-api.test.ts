// @vitest-environment node
/**
 * The feed against the original site's own pre-generated API (test/fixtures/original-api, a copy
 * of the corpus's powerapps/original-api). That API lists only published articles, newest first,
 * overall and per topic, and it covers more articles than the corpus holds: restricted to the
 * corpus's files, our lists must hold the same articles in the same order, except that we
 * merge duplicates (two files with one originalUrl), which the original site listed twice.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFeed } from '../../src/builder/build-feed';
import { ListPageSchema, ManifestSchema, type ArticleCard } from '../../src/feed/schema';
import { ALL_ARTICLES, feedPaths, type ListRef } from '../../src/feed/urls';
import { CONTENT_DIR, REPO_DIR, readFeedFile, tempDir } from './helpers';

const API_DIR = path.join(REPO_DIR, 'test', 'fixtures', 'original-api');
const POWERAPPS_DIR = path.join(CONTENT_DIR, 'powerapps');
const corpusFiles = new Set(readdirSync(path.join(POWERAPPS_DIR, 'news')));

interface ApiItem {
  path: string;
  title: string;
  publishedDateTime: string;
}

/** Every item of one paged API list (`<folder>/page/<n>/index.json`). */
function readApiList(folder: string): ApiItem[] {
  const pagedDir = path.join(API_DIR, folder, 'page');
  const files = readdirSync(pagedDir)
    .map(Number)
    .sort((a, b) => a - b)
    .map((page) => path.join(pagedDir, String(page), 'index.json'));
  return files.flatMap((file) => (JSON.parse(readFileSync(file, 'utf8')) as { value: ApiItem[] }).value);
}

/** The API list restricted to the corpus's files, as our slugs (file name without `.md`). */
function expectedSlugs(folder: string): string[] {
  return readApiList(folder)
    .map((item) => path.basename(item.path))
    .filter((file) => corpusFiles.has(file) && !mergedDuplicates.has(file))
    .map((file) => file.replace(/\.md$/, ''));
}

let outDir: string;
/** File names the build merged into an earlier file with the same originalUrl. */
const mergedDuplicates = new Set<string>();

function readList(list: ListRef): ArticleCard[] {
  const first = readFeedFile(outDir, feedPaths.listPage(list, 1), ListPageSchema);
  const cards = [...first.items];
  for (let page = 2; page <= first.pages; page++) {
    cards.push(...readFeedFile(outDir, feedPaths.listPage(list, page), ListPageSchema).items);
  }
  return cards;
}

beforeAll(async () => {
  outDir = path.join(tempDir(), 'feed');
  const report = await buildFeed({ contentDirs: [POWERAPPS_DIR], outDir });
  for (const duplicate of report.duplicates) mergedDuplicates.add(path.basename(duplicate.file));
});

describe('the feed against the original site API', () => {
  it('lists the same published articles, newest first, as the API', () => {
    const expected = expectedSlugs('.');
    expect(expected.length).toBeGreaterThan(300);
    expect(readList(ALL_ARTICLES).map((card) => card.slug)).toEqual(expected);
  });

  it('lists each topic like the API does', () => {
    const manifest = readFeedFile(outDir, feedPaths.manifest(), ManifestSchema);
    // Topic folders in the current layout (`page/<n>`); model-driven-apps only has an older
    // `page1/` snapshot from before the corpus was taken, so it is not comparable.
    const apiTopics = readdirSync(API_DIR).filter(
      (name) => !/^page\d*$|\.json$/.test(name) && readdirSync(path.join(API_DIR, name)).includes('page'),
    );
    expect(apiTopics).toEqual(['ai-builder', 'canvas-apps', 'common-data-service', 'teams-integration']);
    for (const topic of apiTopics) {
      const expected = expectedSlugs(topic);
      const summary = manifest.topics.find((entry) => entry.slug === topic);
      expect(summary?.count ?? 0, topic).toBe(expected.length);
      if (expected.length > 0) {
        expect(
          readList({ kind: 'topic', slug: topic }).map((card) => card.slug),
          topic,
        ).toEqual(expected);
      }
    }
  });

  it('has the API titles, entities decoded and whitespace trimmed', () => {
    const titles = new Map(readList(ALL_ARTICLES).map((card) => [card.slug, card.title]));
    for (const item of readApiList('.')) {
      const slug = path.basename(item.path).replace(/\.md$/, '');
      if (!titles.has(slug)) continue;
      expect(titles.get(slug), slug).toBe(
        item.title
          .replace(/&nbsp;/g, '\u00a0')
          .replace(/\s+/g, ' ')
          .trim(),
      );
    }
  });
});
