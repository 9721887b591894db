/**
 * One build, measured from inside its own process: what the benchmarks run in a child process
 * (see runOnce in bench-feed.ts), so that its peak memory is that build's alone. Bundled and
 * started as `npm run feed` starts the builder (src/builder/feed.mjs), not through tsx.
 *
 * `--content <dir> --out <dir> [--cache <dir>]`; prints a ChildResult as JSON.
 */
import { parseArgs } from 'node:util';
import { buildFeed } from '../../src/builder/build-feed';

export interface ChildResult {
  buildMs: number;
  /** User + system CPU time of all threads: a figure that a busy machine disturbs less than wall time. */
  cpuMs: number;
  maxRssMb: number;
  /**
   * Pages of memory the process touched for the first time (worker threads included): a count
   * that does not vary from run to run as times do, and a cost of its own on a virtual machine
   * (~12 µs each on the benchmark machine).
   */
  pageFaults: number;
  articles: number;
  files: number;
  workers: number;
  /** Files whose parse result came from the cache. */
  cacheReused: number;
  /** Output files the build wrote (all, or with a cache's record only those that changed). */
  filesWritten: number;
  /** The build patched the last feed (see src/builder/patch-build.ts). */
  patched: boolean;
  timingsMs: Record<string, number>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { content: { type: 'string' }, out: { type: 'string' }, cache: { type: 'string' } },
  });
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const report = await buildFeed({ contentDirs: [values.content!], outDir: values.out!, cacheDir: values.cache });
  const cpu = process.cpuUsage(cpuStart);
  const usage = process.resourceUsage();
  const result: ChildResult = {
    buildMs: performance.now() - start,
    cpuMs: (cpu.user + cpu.system) / 1000,
    // maxRSS is in kilobytes and covers the worker threads too: they live in this process.
    maxRssMb: usage.maxRSS / 1024,
    pageFaults: usage.minorPageFault,
    articles: report.counts.articles,
    files: report.counts.files,
    workers: report.workers,
    cacheReused: report.cache?.reused ?? 0,
    filesWritten: report.output?.staged ?? 0,
    patched: report.output?.patched ?? false,
    timingsMs: report.timingsMs,
  };
  process.stdout.write(JSON.stringify(result));
}

await main();
