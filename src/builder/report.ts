/**
 * What a build tells its caller: counts, every problem with its file and field, and the
 * one-line summary the CLI prints. The same object is written to `build-report.json`.
 */

import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { feedPaths } from '../feed/urls';

/** `error`: the file was skipped. `warning`: the builder fixed something and kept the article. */
export type ProblemSeverity = 'error' | 'warning';

/** One thing wrong with one input file. `field` is a front-matter path such as `images[0].url`. */
export interface BuildProblem {
  file: string;
  field: string;
  reason: string;
  severity: ProblemSeverity;
}

/** A file left out because an earlier file (by path, published first) has the same original URL. */
export interface DuplicateEntry {
  file: string;
  duplicateOf: string;
  url: string;
}

export interface BuildCounts {
  /** Article files found (taxonomy files are not counted). */
  files: number;
  /** Articles written to the feed. */
  articles: number;
  /** Files skipped because of an error. */
  skipped: number;
  duplicates: number;
  /** Articles with `published: false`: left out, or kept when `includeUnpublished` is set. */
  unpublished: number;
  warnings: number;
  topics: number;
  providers: number;
}

export interface BuildReport {
  /** False when `strict` is set and a file was skipped: then nothing was written. */
  ok: boolean;
  /** Whether this build replaced the output folder. */
  written: boolean;
  /** Content hash of the written feed; null when nothing was written. */
  buildId: string | null;
  generatedAt: string;
  /** `N articles, M skipped, K duplicates, U unpublished`. */
  summary: string;
  includeUnpublished: boolean;
  counts: BuildCounts;
  /** Skipped files, each with its field and reason. */
  skipped: BuildProblem[];
  warnings: BuildProblem[];
  duplicates: DuplicateEntry[];
  /** Files with `published: false`. */
  unpublished: string[];
  /** Worker threads that parsed and wrote (0: all in the calling thread). */
  workers: number;
  /**
   * The cache used (null: none), and how many article files the build did not read again: a
   * patched build reads only the files that changed since the last build, a full build every one.
   */
  cache: { dir: string; reused: number } | null;
  /**
   * What the build wrote: `incremental` when it replaced only the files that changed since the
   * recorded last build (needs a cache), how many files it wrote (`staged`) of the feed's `files`
   * (this report included in both). Null when nothing was written.
   */
  output: {
    incremental: boolean;
    /** The last build's feed was patched in place (see patch-build.ts), not built again. */
    patched: boolean;
    staged: number;
    files: number;
  } | null;
  /** Wall time per phase, in milliseconds. */
  timingsMs: Record<string, number>;
}

/** The CLI's one-line summary. */
export function formatSummary(counts: BuildCounts): string {
  return `${counts.articles} articles, ${counts.skipped} skipped, ${counts.duplicates} duplicates, ${counts.unpublished} unpublished`;
}

/** What the build wrote, as the CLI prints it under the summary; null when it wrote nothing. */
export function formatOutput(report: BuildReport): string | null {
  const { output, cache, counts } = report;
  if (!output) return null;
  const written = output.incremental
    ? `${output.patched ? 'patched the last feed: ' : ''}wrote ${output.staged} of ${output.files} feed files (the others were unchanged)`
    : `wrote ${output.files} feed files`;
  return output.patched && cache
    ? `${written}; ${cache.reused} of ${counts.files} article files unchanged, not read again`
    : written;
}

/** One problem as the CLI prints it: `path: field: reason`. */
export function formatProblem(problem: BuildProblem): string {
  const prefix = problem.severity === 'warning' ? 'warning: ' : '';
  return `${problem.file}: ${problem.field}: ${prefix}${problem.reason}`;
}

/** Every problem of a report, skipped files first, as CLI lines. */
export function formatProblems(report: BuildReport): string[] {
  return [
    ...report.skipped.map(formatProblem),
    ...report.duplicates.map((d) => `${d.file}: originalUrl: duplicate of ${d.duplicateOf} (${d.url})`),
    ...report.warnings.map(formatProblem),
  ];
}

export interface LastBuild {
  report: BuildReport;
  isCurrent(): boolean;
}

/**
 * The build report in an output folder, and a check that it is still the build's there: the
 * same file, unchanged, or one of the same build. Cheaper than reading it again (~1 MB at 100k
 * articles) when a rebuild looks once more after it has locked the folder. Null when there is
 * none or it is unreadable.
 */
export function readLastBuild(outDir: string): LastBuild | null {
  const stamp = () => {
    const info = statSync(path.join(outDir, feedPaths.buildReport()), { throwIfNoEntry: false });
    return info ? `${info.ino}:${info.size}:${info.mtimeMs}` : null;
  };
  // Taken before the read: a report that replaces this one in between is then seen as another.
  const before = stamp();
  const report = readBuildReport(outDir);
  if (!report) return null;
  return { report, isCurrent: () => stamp() === before || readBuildReport(outDir)?.buildId === report.buildId };
}

/** The build report in an output folder, or null when there is none or it is unreadable. */
export function readBuildReport(outDir: string): BuildReport | null {
  try {
    return JSON.parse(readFileSync(path.join(outDir, feedPaths.buildReport()), 'utf8')) as BuildReport;
  } catch {
    return null;
  }
}
