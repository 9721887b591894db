/**
 * Dedupe: files whose original URLs normalize to the same key are one article.
 */
import type { NormalizedArticle } from './normalize';
import type { DuplicateEntry } from './report';

export interface DedupeResult {
  /** The surviving articles, in input order. */
  kept: NormalizedArticle[];
  duplicates: DuplicateEntry[];
  /** URL keys of dropped duplicates (their webUrl too) → the article that replaced them. */
  aliases: Map<string, NormalizedArticle>;
}

/**
 * Keep one article per original URL: the first published one in input (path) order, or the
 * first one when none is published. Every other file is reported as a duplicate of it.
 */
export function dedupe(articles: readonly NormalizedArticle[]): DedupeResult {
  const winners = new Map<string, NormalizedArticle>();
  for (const article of articles) {
    const current = winners.get(article.originalKey);
    if (!current || (!current.published && article.published)) winners.set(article.originalKey, article);
  }
  const kept: NormalizedArticle[] = [];
  const duplicates: DuplicateEntry[] = [];
  const aliases = new Map<string, NormalizedArticle>();
  for (const article of articles) {
    const winner = winners.get(article.originalKey)!;
    if (winner === article) {
      kept.push(article);
      continue;
    }
    duplicates.push({ file: article.file, duplicateOf: winner.file, url: article.originalUrl });
    if (article.webKey) aliases.set(article.webKey, winner);
  }
  return { kept, duplicates, aliases };
}
