/**
 * The search engine's answers on the real sample corpus (content/), built by the real builder,
 * against a plain reference: every article checked one by one, text matched from the term
 * shards as stored (no sorted terms, no caches). Covers text alone and with every kind of filter
 * and order, typing (every prefix) and repeated queries (answered from the shard's caches).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFeed } from '../../src/builder/build-feed';
import {
  FacetIndexSchema,
  ManifestSchema,
  TermShardSchema,
  type FacetIndex,
  type Manifest,
} from '../../src/feed/schema';
import { termShardKey } from '../../src/feed/text';
import { compileFacets, type CompiledFacets } from '../../src/features/search/utils/compiled-facets';
import type { RowCriteria } from '../../src/features/search/utils/filter-rows';
import { queryTerms, termShardKeys, type TermRows } from '../../src/features/search/utils/match-terms';
import { planSearch, resolveCriteria, type SearchCriteria } from '../../src/features/search/utils/search-plan';
import { searchRows } from '../../src/features/search/utils/search-rows';
import type { RowOrder } from '../../src/features/search/utils/sort-rows';

const CONTENT_DIR = path.resolve(import.meta.dirname, '../../content');

let dir: string;
let manifest: Manifest;
let index: FacetIndex;
let facets: CompiledFacets;
const shards = new Map<string, TermRows>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'newsstand-search-'));
  await buildFeed({ contentDirs: [CONTENT_DIR], outDir: dir });
  const read = async <T extends v.GenericSchema>(file: string, schema: T) =>
    v.parse(schema, JSON.parse(await readFile(path.join(dir, file), 'utf8')));
  manifest = await read('index.json', ManifestSchema);
  index = await read('index/facets.json', FacetIndexSchema);
  facets = compileFacets(index);
  for (const file of await readdir(path.join(dir, 'index/terms'))) {
    shards.set(file.replace(/\.json$/, ''), (await read(`index/terms/${file}`, TermShardSchema)).terms);
  }
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const EMPTY: SearchCriteria = { topics: [], provider: null, type: null, from: null, to: null, q: '', sort: 'newest' };

/** The engine's answer, as the worker computes it. */
function engine(criteria: SearchCriteria): number[] {
  const terms = queryTerms(criteria.q);
  const shardMap = new Map(termShardKeys(terms).map((key) => [key, shards.get(key) ?? null]));
  const rows = searchRows(facets, {
    criteria: resolveCriteria(criteria, {}, manifest),
    terms,
    shards: shardMap,
    order: criteria.sort,
  });
  return [...rows];
}

/** The same answer, one article at a time. */
function reference(criteria: SearchCriteria): number[] {
  const resolved = resolveCriteria(criteria, {}, manifest);
  const terms = queryTerms(criteria.q);
  const textRows = terms.map((term, i) => {
    const shard = shards.get(termShardKey(term)) ?? {};
    const isLast = i === terms.length - 1;
    const matching = Object.keys(shard).filter((t) => (isLast ? t.startsWith(term) : t === term));
    const rows = new Set<number>();
    for (const t of matching) {
      let row = 0;
      for (const gap of shard[t]!) rows.add((row += gap));
    }
    return rows;
  });
  const rows: number[] = [];
  for (let row = 0; row < index.count; row++) {
    if (textRows.every((set) => set.has(row)) && matchesFacets(row, resolved)) rows.push(row);
  }
  return sortReference(rows, criteria.sort);
}

function matchesFacets(row: number, c: RowCriteria): boolean {
  const topics = index.topics[row]!;
  const minute = index.publishedMinute[row]!;
  return (
    (c.provider === -1 || index.provider[row] === c.provider) &&
    (c.video === -1 || index.video[row] === c.video) &&
    minute >= c.fromMinute &&
    minute <= c.toMinute &&
    (c.requiredTopic === -1 || topics.includes(c.requiredTopic)) &&
    (c.anyTopic === null || topics.some((topic) => c.anyTopic![topic] === 1))
  );
}

/** Rows count from the oldest: the newest first is the highest first. */
function sortReference(rows: number[], order: RowOrder): number[] {
  if (order === 'newest') return rows.toReversed();
  const score = order === 'trending' ? index.heat : index.quality;
  const rank = (row: number) => (score[row]! < 0 ? -Infinity : score[row]!);
  return [...rows].sort((a, b) => rank(b) - rank(a) || b - a);
}

/** Words of the corpus, most frequent first (the ones worth typing). */
function frequentTerms(count: number): string[] {
  const all = [...shards.values()].flatMap((shard) => Object.entries(shard));
  return all
    .sort((a, b) => b[1].length - a[1].length)
    .slice(0, count)
    .map(([term]) => term);
}

describe('search on the sample corpus', () => {
  it('has a corpus worth searching', () => {
    expect(index.count).toBeGreaterThan(300);
    expect(shards.size).toBeGreaterThan(50);
  });

  it('matches every prefix typed of frequent words, alone and after another word', () => {
    const words = frequentTerms(12);
    for (const [i, word] of words.entries()) {
      const before = words[(i + 5) % words.length]!;
      for (let end = 2; end <= word.length; end++) {
        for (const q of [word.slice(0, end), `${before} ${word.slice(0, end)}`]) {
          expect(engine({ ...EMPTY, q }), q).toEqual(reference({ ...EMPTY, q }));
        }
      }
    }
  });

  it('combines text with topics, news provider, type, dates and every order', () => {
    const words = frequentTerms(6);
    const topics = manifest.topics.map((topic) => topic.slug);
    const providers = manifest.providers.map((provider) => provider.slug);
    const day = (row: number) => new Date(index.publishedMinute[row]! * 60_000).toISOString().slice(0, 10);
    const views: SearchCriteria[] = [];
    for (const [i, word] of words.entries()) {
      const q = i % 2 ? word : `${word} ${words[(i + 1) % words.length]!.slice(0, 3)}`;
      for (const sort of ['newest', 'trending', 'quality'] as const) {
        views.push({ ...EMPTY, q, sort });
        views.push({ ...EMPTY, q, sort, topics: [topics[i % topics.length]!, topics[(i + 3) % topics.length]!] });
        views.push({ ...EMPTY, q, sort, provider: providers[i % providers.length]!, type: 'article' });
        views.push({ ...EMPTY, q, sort, type: 'video' });
        views.push({ ...EMPTY, q, sort, from: day(Math.floor(index.count / 2)), to: day(5) });
        views.push({ ...EMPTY, sort, topics: [topics[i % topics.length]!], from: day(index.count - 1), to: day(0) });
      }
    }
    let nonEmpty = 0;
    for (const view of views) {
      expect(planSearch(view, {}).mode).toBe('index');
      const expected = reference(view);
      if (expected.length > 0) nonEmpty++;
      expect(engine(view), JSON.stringify(view)).toEqual(expected);
    }
    // The combinations must not all be empty, or they would prove little.
    expect(nonEmpty).toBeGreaterThan(views.length / 3);
  });

  it('answers a repeated query the same (from the shard caches)', () => {
    const [word] = frequentTerms(1);
    const view = { ...EMPTY, q: word!.slice(0, 3), sort: 'trending' as const };
    const first = engine(view);
    expect(engine(view)).toEqual(first);
    expect(engine(view)).toEqual(reference(view));
  });
});
