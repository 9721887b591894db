/**
 * `npm run bench:feed [-- --sizes 10000,100000] [--runs 1] [--seed 1]`
 *
 * Generates synthetic corpora (test/bench/make-corpus.ts) under .cache/bench-feed/, reusing
 * them when they are already there, builds each one in a child process, so that its peak memory
 * is that build's alone, and prints a table: articles, wall time, articles per second, peak RSS.
 * The first run of a size builds into an empty folder; later runs rebuild over it, which adds
 * swapping the new feed in and deleting the old one.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { BUNDLE_DIR, bundleFor } from '../../src/builder/bundle-sources.mjs';
import { FEED_COMMAND_ARGS, FEED_NODE_FLAGS, feedCommandEnv } from '../support/feed-command';
import type { ChildResult } from './build-child';
import { makeCorpus } from './make-corpus';

const HERE = fileURLToPath(import.meta.url);
export const CACHE = path.resolve(path.dirname(HERE), '../../.cache/bench-feed');
/** Bump when make-corpus.ts changes what it writes, so cached corpora are regenerated. */
const CORPUS_VERSION = 1;

export async function ensureCorpus(count: number, seed: number): Promise<string> {
  const dir = path.join(CACHE, `corpus-${count}`);
  const marker = `${dir}.json`;
  const wanted = JSON.stringify({ version: CORPUS_VERSION, count, seed });
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted && existsSync(dir)) return dir;
  if (existsSync(dir)) {
    rmSync(dir, { recursive: true, force: true });
    await settle();
  }
  const start = performance.now();
  process.stderr.write(`generating ${count} articles in ${path.relative(process.cwd(), dir)} ... `);
  makeCorpus({ dir, count, seed });
  writeFileSync(marker, wanted);
  process.stderr.write(`${((performance.now() - start) / 1000).toFixed(1)} s\n`);
  return dir;
}

/**
 * Read every file of the corpus once, so that the run measured next finds them in the page
 * cache, as Hugo, run after our build, always did. A 100k build's read phase took 11.6 s instead
 * of ~6 s when the benchmark's earlier work (Hugo's 4 GB, the app build) had pushed the corpus
 * out of memory: a cost of the machine's state, not of either builder.
 */
export function warmCorpus(dir: string): void {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) readFileSync(path.join(entry.parentPath, entry.name));
  }
}

/** The build child (build-child.ts), bundled where its packages resolve, as the feed launcher keeps the CLI. */
const CHILD = path.join(path.dirname(HERE), 'build-child.ts');

/** One build in a child process started as `npm run feed` starts the builder; with `cacheDir`, through that cache. */
export async function runOnce(
  content: string,
  out: string,
  cacheDir?: string,
): Promise<ChildResult & { processMs: number }> {
  const child = await bundleFor(CHILD, BUNDLE_DIR);
  const start = performance.now();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...FEED_NODE_FLAGS, child, '--content', content, '--out', out, ...(cacheDir ? ['--cache', cacheDir] : [])],
    { env: feedCommandEnv(), maxBuffer: 1 << 20 },
  );
  return { ...(JSON.parse(stdout) as ChildResult), processMs: performance.now() - start };
}

/**
 * One build as a user starts it: `npm run feed`'s command (without npm's own start), timed from
 * outside, Node's start and the launcher's included; with the build's own timings.
 */
export async function runCommand(
  content: string,
  out: string,
  cacheDir: string,
): Promise<{ processMs: number; patched: boolean; timingsMs: Record<string, number> }> {
  const start = performance.now();
  await promisify(execFile)(
    process.execPath,
    [...FEED_COMMAND_ARGS, '--content', content, '--out', out, '--cache', cacheDir],
    { cwd: path.resolve(path.dirname(HERE), '../..'), env: feedCommandEnv(), maxBuffer: 64 << 20 },
  );
  const processMs = performance.now() - start;
  return { processMs, ...lastReport(out) };
}

/** What the benchmarks take from the report of the last build into `out`: whether it patched, its phases' times. */
export function lastReport(out: string): { patched: boolean; timingsMs: Record<string, number> } {
  const report = JSON.parse(readFileSync(path.join(out, 'build-report.json'), 'utf8')) as {
    output?: { patched?: boolean };
    timingsMs: Record<string, number>;
  };
  return { patched: report.output?.patched ?? false, timingsMs: report.timingsMs };
}

/**
 * On ext4 without a journal (as on the 2-core machine this was tuned on), inodes freed in the
 * last 60 s (360 s while their table block is dirty) are skipped, one by one, whenever a file is
 * created: right after deleting 100k files, creating 100k more is several times slower. So the
 * benchmark never deletes right before it measures: all fresh builds first, rebuilds (which
 * delete the previous feed, and so slow down the rebuild after them) last, and outputs are
 * removed at the end. Leftovers of an interrupted run are removed first, and then it waits.
 */
const SETTLE_MS = 400_000;

export async function removeOutputs(wait: boolean): Promise<void> {
  const old = existsSync(CACHE) ? readdirSync(CACHE).filter((name) => name.startsWith('out-')) : [];
  for (const name of old) rmSync(path.join(CACHE, name), { recursive: true, force: true });
  if (old.length > 0 && wait) await settle();
}

async function settle(): Promise<void> {
  process.stderr.write(`waiting ${SETTLE_MS / 1000} s after deleting many files (see SETTLE_MS)\n`);
  await sleep(SETTLE_MS);
}

export type Run = Awaited<ReturnType<typeof runOnce>>;

function logRun(size: number, kind: string, result: Run): void {
  process.stderr.write(
    `  ${size} ${kind}: ${(result.buildMs / 1000).toFixed(2)} s, cpu ${(result.cpuMs / 1000).toFixed(2)} s, ` +
      `${result.pageFaults} page faults, ` +
      `phases ${JSON.stringify(result.timingsMs)}, load ${os.loadavg()[0]!.toFixed(1)}\n`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000,100000' },
      runs: { type: 'string', default: '1' },
      seed: { type: 'string', default: '1' },
    },
  });
  const sizes = values.sizes.split(',').map((size) => Number.parseInt(size.trim(), 10));
  if (sizes.some((size) => !Number.isInteger(size) || size <= 0)) throw new Error(`bad --sizes: ${values.sizes}`);
  const runs = Math.max(1, Number.parseInt(values.runs, 10) || 1);
  process.stderr.write(`${os.availableParallelism()} cores, Node ${process.version}, ${runs} run(s) per size\n`);
  await removeOutputs(true);

  const corpora = new Map<number, string>();
  for (const size of sizes) corpora.set(size, await ensureCorpus(size, Number(values.seed)));
  const outOf = (size: number) => path.join(CACHE, `out-${size}`);
  const fresh = new Map<number, Run>();
  for (const size of sizes) {
    warmCorpus(corpora.get(size)!);
    const result = await runOnce(corpora.get(size)!, outOf(size));
    logRun(size, 'build', result);
    fresh.set(size, result);
  }
  const rebuilds = new Map<number, Run>();
  for (let run = 1; run < runs; run++) {
    for (const size of sizes) {
      const result = await runOnce(corpora.get(size)!, outOf(size));
      logRun(size, 'rebuild', result);
      const best = rebuilds.get(size);
      if (!best || result.buildMs < best.buildMs) rebuilds.set(size, result);
    }
  }

  const rows = sizes.map((size) => {
    const first = fresh.get(size)!;
    const rebuild = rebuilds.get(size);
    return [
      String(first.files),
      String(first.articles),
      (first.buildMs / 1000).toFixed(2),
      Math.round(first.files / (first.buildMs / 1000)).toString(),
      Math.round(first.maxRssMb).toString(),
      (first.cpuMs / 1000).toFixed(2),
      (first.processMs / 1000).toFixed(2),
      rebuild ? (rebuild.buildMs / 1000).toFixed(2) : '-',
      String(first.workers),
    ];
  });
  const header = [
    'articles',
    'in feed',
    'wall s',
    'articles/s',
    'peak RSS MB',
    'cpu s',
    'process s',
    'rebuild s',
    'workers',
  ];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i]!)).join('  ');
  process.stdout.write(`${line(header)}\n${rows.map(line).join('\n')}\n`);
  process.stdout.write(
    'articles: files read; in feed: published, valid, not duplicates; wall: buildFeed() into an empty folder;\n' +
      'cpu: user + system, all threads; process: wall with Node start-up and loading the bundled builder; rebuild: best wall of the\n' +
      'later runs, over the previous output. Wall times need an otherwise idle machine.\n',
  );
  await removeOutputs(false);
  process.stderr.write('outputs removed: on ext4 without a journal, wait ~5 minutes before measuring again\n');
}

// bench.ts and bench-hugo.ts import the corpus and child-process helpers above.
if (process.argv[1] && path.resolve(process.argv[1]) === HERE) await main();
