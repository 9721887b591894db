/**
 * The built feed, read from dist/feed/ and parsed with the contract's schemas, so the tests
 * expect what the build actually contains instead of hard-coded titles.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import {
  ArticleDetailSchema,
  ListPageSchema,
  ManifestSchema,
  type ArticleCard,
  type ArticleDetail,
  type ListPage,
  type Manifest,
} from '../../../src/feed/schema';
import { ALL_ARTICLES, feedPaths, type ListRef } from '../../../src/feed/urls';

const distDir = process.env.E2E_DIST ?? fileURLToPath(new URL('../../../dist', import.meta.url));
const feedDir = `${distDir}/feed/`;

function readFeedFile<TSchema extends v.GenericSchema>(relativePath: string, schema: TSchema): v.InferOutput<TSchema> {
  return v.parse(schema, JSON.parse(readFileSync(feedDir + relativePath, 'utf8')));
}

export function readManifest(): Manifest {
  return readFeedFile(feedPaths.manifest(), ManifestSchema);
}

export function readListPage(list: ListRef, page: number): ListPage {
  return readFeedFile(feedPaths.listPage(list, page), ListPageSchema);
}

/** Every card of a list, all pages, newest first. */
export function readList(list: ListRef = ALL_ARTICLES): ArticleCard[] {
  const first = readListPage(list, 1);
  const rest = Array.from({ length: Math.max(0, first.pages - 1) }, (_, i) => readListPage(list, i + 2).items);
  return [first.items, ...rest].flat();
}

export function readArticle(slug: string): ArticleDetail {
  return readFeedFile(feedPaths.article(slug), ArticleDetailSchema).article;
}

/** A slug no article has. */
export const UNKNOWN_SLUG = 'no-such-article-e2e';
