/**
 * One article file, start to finish: bytes → front matter → normalized article. Whatever goes
 * wrong, even an unforeseen exception, comes back as a reported problem, never as a throw.
 */
import { readFileSync } from 'node:fs';
import { ArticleFileError, parseArticleBytes } from './read-articles';
import { normalizeArticle, type NormalizeContext, type NormalizedArticle } from './normalize';
import type { BuildProblem } from './report';

/** What the parse step needs to know about a file; plain data, so it can go to a worker. */
export interface FileTask {
  abs: string;
  rel: string;
  display: string;
  order: number;
}

export type FileResult = { ok: true; article: NormalizedArticle } | { ok: false; order: number; problem: BuildProblem };

/**
 * Read, parse and normalize one file. The read is synchronous on purpose: for many small
 * files it is several times faster than fs.promises, and workers have nothing else to do.
 */
export function processTask(task: FileTask, context: NormalizeContext): FileResult {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(task.abs);
  } catch (error) {
    return failure(task, error);
  }
  return processBytes(bytes, task, context);
}

/** Parse and normalize already-read bytes. */
export function processBytes(bytes: Uint8Array, task: FileTask, context: NormalizeContext): FileResult {
  try {
    const data = parseArticleBytes(bytes);
    return { ok: true, article: normalizeArticle(data, task, context) };
  } catch (error) {
    return failure(task, error);
  }
}

/** A failed read or parse as a skipped-file problem. */
export function failure(task: FileTask, error: unknown): FileResult {
  const field = error instanceof ArticleFileError ? error.field : 'file';
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reason =
    error instanceof ArticleFileError
      ? error.message
      : typeof code === 'string'
        ? `could not be read (${code})`
        : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  return { ok: false, order: task.order, problem: { file: task.display, field, reason, severity: 'error' } };
}
