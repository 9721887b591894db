/**
 * `npm run bench [-- --sizes 10000,100000] [--seed 1] [--no-hugo] [--no-reader]`
 *
 * The scale figures of one run in one table: per corpus size, our full build (the median of
 * three), a rebuild after one changed article file and one after a new one, peak memory, Hugo on the same files and its ratio to us, and, when
 * test/bench/bench-reader.mjs is there, the reader's figures at the largest size.
 *
 * Corpora and child-process measurement come from bench-feed.ts (.cache/bench-feed/corpus-N,
 * 200 topics and 2,000 providers, reused when present); Hugo from bench-hugo.ts. Order, for the
 * reason given at bench-feed.ts's SETTLE_MS: every fresh build first, then Hugo, then the
 * rebuilds (which replace and delete a previous feed), and outputs are removed at the end.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { ensureCorpus, lastReport, removeOutputs, runCommand, runOnce, warmCorpus, type Run } from './bench-feed';
import { FEED_COMMAND } from '../support/feed-command';
import { startWatchingBuilder } from '../support/watching-builder';
import { hugoVersion, HUGO_INSTALL, runHugo, type HugoResult } from './bench-hugo';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const READER_BENCH = path.join(HERE, 'bench-reader.mjs');

function machine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const ramGb = (os.totalmem() / 2 ** 30).toFixed(1);
  return [
    `Machine: ${model}, ${os.availableParallelism()} cores, ${ramGb} GB RAM, ${os.type()} ${os.release()}`,
    `Node ${process.version}; ${hugoVersion() ?? 'hugo not installed'}; load average ${os.loadavg()[0]!.toFixed(1)} at start`,
  ].join('\n');
}

/** The first article file of the corpus (news/<year>/<month>/...), for the one-file rebuild. */
function firstArticle(corpus: string): string {
  let dir = path.join(corpus, 'news');
  for (;;) {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    const file = entries.find((entry) => entry.isFile() && entry.name.endsWith('.md'));
    if (file) return path.join(dir, file.name);
    const sub = entries.find((entry) => entry.isDirectory());
    if (!sub) throw new Error(`no article file under ${corpus}/news`);
    dir = path.join(dir, sub.name);
  }
}

/** The watch column: the median of each kind of change, in seconds, edit/new/removed. */
function watchFigure(runs: Record<'edit' | 'new' | 'removed', WatchedRebuild[]> | undefined): string {
  if (!runs) return '-';
  const kinds = [runs.edit, runs.new, runs.removed];
  const median = (values: WatchedRebuild[]) => [...values].sort((a, b) => a.ms - b.ms)[Math.floor(values.length / 2)]!;
  const patched = kinds.every((values) => values.every((run) => run.patched));
  return `${kinds.map((values) => seconds(median(values).ms)).join('/')}${patched ? ' p' : ''}`;
}

/** Undo the benchmark's changes to a corpus, last first. */
type Restores = (() => void)[];

/** Rebuilds of each kind: a rebuild takes well under a second, and one sample says little on a busy machine. */
const REBUILD_RUNS = 3;
/**
 * Full builds of each size, each into an empty folder and cache: the 2-core machine's speed
 * varies by ±15% or more from minute to minute, so one build is a poor sample too.
 */
const FULL_BUILDS = 3;

/** A corpus rebuilt into `out` through `cacheDir`; `restores` undo its changes. */
interface Rebuilt {
  corpus: string;
  out: string;
  cacheDir: string;
  restores: Restores;
}

/**
 * Change one article's excerpt (the `run`-th change of the same file), to be rebuilt into `out`
 * through the full build's cache; the file is restored with `restores`.
 */
function changeOneArticle({ corpus, restores }: Rebuilt, run: number): void {
  const file = firstArticle(corpus);
  const original = readFileSync(file, 'utf8');
  const { atime, mtime } = statSync(file);
  const changed = original.includes('\nexcerpt: "')
    ? original.replace('\nexcerpt: "', `\nexcerpt: "Changed for the rebuild benchmark (${run}). `)
    : `${original}\n`;
  writeFileSync(file, changed);
  restores.push(() => {
    writeFileSync(file, original);
    utimesSync(file, atime, mtime);
  });
}

async function rebuildAfterOneChange(target: Rebuilt, run: number): Promise<Run> {
  changeOneArticle(target, run);
  return await runOnce(target.corpus, target.out, target.cacheDir);
}

/**
 * Then rebuild after one new article file (the `run`-th), the newest of all (so it comes first
 * in every list it joins); it is removed with `restores`.
 */
async function rebuildAfterNewArticle(target: Rebuilt, run: number): Promise<Run> {
  addNewArticle(target, run);
  return await runOnce(target.corpus, target.out, target.cacheDir);
}

function addNewArticle({ corpus, restores }: Rebuilt, run: number): void {
  const source = firstArticle(corpus);
  const dir = path.dirname(source);
  const { atime, mtime } = statSync(dir);
  const file = path.join(dir, `bench-new-article-${run}.md`);
  const url = `https://example.com/newsstand-bench/new-article-${run}`;
  const text = readFileSync(source, 'utf8')
    .replace(/^publishedDateTime: .*$/m, `publishedDateTime: 2099-01-0${run}T08:00:00Z`)
    .replace(/^originalUrl: .*$/m, `originalUrl: "${url}"`)
    .replace(/^webUrl: .*$/m, `webUrl: "${url}"`)
    .replace(/^published: .*$/m, 'published: true');
  writeFileSync(file, text);
  restores.push(() => {
    rmSync(file, { force: true });
    utimesSync(dir, atime, mtime);
  });
}

/** Then rebuild after one of those new files (the `run`-th) is removed again: an article leaving the feed. */
async function rebuildAfterRemoval(target: Rebuilt, run: number): Promise<Run> {
  removeNewArticle(target, run);
  return await runOnce(target.corpus, target.out, target.cacheDir);
}

function removeNewArticle({ corpus }: Rebuilt, run: number): void {
  rmSync(path.join(path.dirname(firstArticle(corpus)), `bench-new-article-${run}.md`));
}

/** A rebuild under `--watch`: from the change to the builder's "rebuilt" line, and whether it patched. */
interface WatchedRebuild {
  ms: number;
  patched: boolean;
}

/**
 * The same changes under `npm run feed -- --watch` (REBUILD_RUNS of each: an edit, a new article,
 * its removal), each timed from the change to the watching builder's "rebuilt" line: its wait for
 * the folders to be quiet included, Node's start and reading the state not (it keeps that).
 */
async function watchedRebuilds(target: Rebuilt): Promise<Record<'edit' | 'new' | 'removed', WatchedRebuild[]>> {
  const builder = startWatchingBuilder(['--content', target.corpus, '--out', target.out, '--cache', target.cacheDir]);
  let rebuilds = 0;
  // REBUILD_RUNS changes of one kind, each timed to its "rebuilt" line.
  const timed = async (change: (run: number) => void): Promise<WatchedRebuild[]> => {
    const times: WatchedRebuild[] = [];
    for (let run = 1; run <= REBUILD_RUNS; run++) {
      const start = performance.now();
      change(run);
      await builder.printed(/^rebuilt in \d+ ms/, ++rebuilds);
      times.push({ ms: performance.now() - start, patched: lastReport(target.out).patched });
    }
    return times;
  };
  try {
    await builder.printed(/^watching /, 1);
    const edit = await timed((run) => changeOneArticle(target, 10 + run));
    const added = await timed((run) => addNewArticle(target, run));
    const removed = await timed((run) => removeNewArticle(target, run));
    return { edit, new: added, removed };
  } finally {
    await builder.stop();
  }
}

/**
 * `count` runs one after another; the median run by wall time, every run's time and peak memory,
 * and the highest peak: peaks vary from run to run (by up to ~170 MB at 100k before round 16's
 * heap pad, 794–800 MB in its final run).
 */
async function medianRun(
  count: number,
  once: (run: number) => Promise<Run>,
): Promise<{ median: Run; times: number[]; peaks: number[]; peakMb: number }> {
  const runs: Run[] = [];
  for (let run = 1; run <= count; run++) runs.push(await once(run));
  const sorted = [...runs].sort((a, b) => a.buildMs - b.buildMs);
  return {
    median: sorted[Math.floor(sorted.length / 2)]!,
    times: runs.map((run) => run.buildMs),
    peaks: runs.map((run) => run.maxRssMb),
    peakMb: Math.max(...runs.map((run) => run.maxRssMb)),
  };
}

interface ReaderReport {
  corpus: number;
  firstViewFeedBytes: number;
  indexBytes: number;
  queryMsP50: number;
  queryMsP95: number;
  workerMsP50: number;
  workerMsP95: number;
  typingLongTasks: number;
  domNodesMax: number;
  scrolledTo: number;
}

/** The app (vite build) into `dist`, whose feed/ the largest build then writes; false on failure. */
async function buildApp(dist: string): Promise<boolean> {
  const vite = path.resolve(HERE, '../../node_modules/.bin/vite');
  try {
    await promisify(execFile)(vite, ['build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: path.resolve(HERE, '../..'),
      maxBuffer: 16 << 20,
    });
    // The sample feed copied from public/ goes, so the build below starts from an empty feed/.
    rmSync(path.join(dist, 'feed'), { recursive: true, force: true });
    return true;
  } catch (error) {
    process.stderr.write(`  vite build failed, reader columns left empty: ${(error as Error).message}\n`);
    return false;
  }
}

/** bench-reader.mjs --json on `dist` (its feed/ built from our corpus); null when it fails. */
async function readerFigures(dist: string): Promise<ReaderReport | null> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [READER_BENCH, '--dist', dist, '--json'], {
      maxBuffer: 16 << 20,
    });
    return JSON.parse(stdout.slice(stdout.indexOf('{'))) as ReaderReport;
  } catch (error) {
    process.stderr.write(`  reader benchmark failed, its columns left empty: ${(error as Error).message}\n`);
    return null;
  }
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const kb = (bytes: number | undefined) => (bytes === undefined ? '-' : (bytes / 1024).toFixed(1));
const num = (value: number | undefined, digits = 0) => (value === undefined ? '-' : value.toFixed(digits));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i]!)).join('  ');
  return `${line(header)}\n${rows.map(line).join('\n')}\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000,100000' },
      seed: { type: 'string', default: '1' },
      'no-hugo': { type: 'boolean', default: false },
      'no-reader': { type: 'boolean', default: false },
    },
  });
  const sizes = values.sizes.split(',').map((size) => Number.parseInt(size.trim(), 10));
  if (sizes.some((size) => !Number.isInteger(size) || size <= 0)) throw new Error(`bad --sizes: ${values.sizes}`);
  process.stdout.write(`${machine()}\n\n`);
  await removeOutputs(true);

  const corpora = new Map<number, string>();
  for (const size of sizes) corpora.set(size, await ensureCorpus(size, Number(values.seed)));
  const readerSize = Math.max(...sizes);
  const withReader = !values['no-reader'] && existsSync(READER_BENCH);
  // Outputs are named out-* in bench-feed's folder, so its removeOutputs() clears them. The
  // largest size's feed goes into feed/ of a built app, which the reader benchmark then serves.
  const appDir = path.join(path.dirname(corpora.get(readerSize)!), `out-bench-app-${readerSize}`);
  const app = withReader ? await buildApp(appDir) : false;
  const outOf = (size: number) =>
    app && size === readerSize
      ? path.join(appDir, 'feed')
      : path.join(path.dirname(corpora.get(size)!), `out-bench-${size}`);
  // Each size's build cache, empty for the full build (which fills it) and named out-* too.
  const cacheOf = (size: number) => path.join(path.dirname(corpora.get(size)!), `out-bench-cache-${size}`);
  const log = (message: string) => process.stderr.write(`  ${message} (load ${os.loadavg()[0]!.toFixed(1)})\n`);

  const fresh = new Map<number, Run & { peakMb: number }>();
  for (const size of sizes) {
    const corpus = corpora.get(size)!;
    // The first build's feed and cache are the ones rebuilt later; the others get folders of their own.
    const extra = (name: string, run: number) => path.join(path.dirname(corpus), `out-bench-${name}-${size}-${run}`);
    const { median, times, peaks, peakMb } = await medianRun(FULL_BUILDS, async (run) => {
      warmCorpus(corpus);
      // The files of the builds before are written back first: no build pays for another's.
      await promisify(execFile)('sync');
      const first = run === 1;
      return await runOnce(
        corpus,
        first ? outOf(size) : extra('full', run),
        first ? cacheOf(size) : extra('cache', run),
      );
    });
    log(
      `${size} builds: ${times.map(seconds).join(', ')} s, median ${seconds(median.buildMs)} s, ` +
        `${peaks.map(Math.round).join(', ')} MB (peak ${Math.round(peakMb)}), ${median.pageFaults} page faults, ${median.articles} articles`,
    );
    fresh.set(size, { ...median, peakMb });
  }
  const hugo = new Map<number, HugoResult>();
  if (!values['no-hugo']) {
    for (const size of sizes) {
      warmCorpus(corpora.get(size)!);
      const result = await runHugo(corpora.get(size)!);
      if (!result) break;
      log(`${size} hugo: ${seconds(result.wallMs)} s, ${Math.round(result.maxRssMb ?? 0)} MB, ${result.listed} listed`);
      hugo.set(size, result);
    }
  }
  const rebuilt = new Map<number, Run>();
  const added = new Map<number, Run>();
  const removed = new Map<number, Run>();
  const watched = new Map<number, Record<'edit' | 'new' | 'removed', WatchedRebuild[]>>();
  const restores: Restores = [];
  const target = (size: number): Rebuilt => ({
    corpus: corpora.get(size)!,
    out: outOf(size),
    cacheDir: cacheOf(size),
    restores,
  });
  try {
    for (const size of sizes) {
      const { median, times } = await medianRun(REBUILD_RUNS, (run) => rebuildAfterOneChange(target(size), run));
      log(
        `${size} rebuilds after one changed file: ${times.map(seconds).join(', ')} s, median ${seconds(median.buildMs)} s` +
          `${median.patched ? ' (patched)' : ''}, ${median.cacheReused} files not read again, ${median.filesWritten} written`,
      );
      rebuilt.set(size, median);
      // The same edit once more, started as a user starts it: the whole command's time.
      changeOneArticle(target(size), REBUILD_RUNS + 1);
      const command = await runCommand(corpora.get(size)!, outOf(size), cacheOf(size));
      log(
        `${size} rebuild after one changed file, the whole command (${FEED_COMMAND}): ` +
          `${seconds(command.processMs)} s${command.patched ? ' (patched)' : ''}, build ${JSON.stringify(command.timingsMs)}`,
      );
    }
    // Three new files, then the same three removed again.
    const fileChanges = [
      ['new', rebuildAfterNewArticle, added],
      ['removed', rebuildAfterRemoval, removed],
    ] as const;
    for (const [what, rebuild, runs] of fileChanges) {
      for (const size of sizes) {
        const { median, times } = await medianRun(REBUILD_RUNS, (run) => rebuild(target(size), run));
        log(
          `${size} rebuilds after one ${what} file: ${times.map(seconds).join(', ')} s, median ${seconds(median.buildMs)} s` +
            `${median.patched ? ' (patched)' : ''}, ${median.filesWritten} written`,
        );
        runs.set(size, median);
      }
    }
    for (const size of sizes) {
      const rebuilds = await watchedRebuilds(target(size));
      watched.set(size, rebuilds);
      for (const [what, runs] of Object.entries(rebuilds)) {
        log(
          `${size} rebuilds under --watch after one ${what === 'edit' ? 'edited' : what} file: ` +
            `${runs.map((run) => `${seconds(run.ms)}${run.patched ? ' p' : ''}`).join(', ')} s`,
        );
      }
    }
  } finally {
    for (const restore of restores.reverse()) restore();
  }
  let reader: ReaderReport | null = null;
  if (app) {
    process.stderr.write(
      `  reader: node test/bench/bench-reader.mjs --dist ${path.relative(process.cwd(), appDir)} --json\n`,
    );
    reader = await readerFigures(appDir);
    if (reader) process.stderr.write(`  reader: ${JSON.stringify(reader)}\n`);
  }
  await removeOutputs(false);

  const header = [
    'articles',
    'build s',
    'rebuild s',
    'new article s',
    'removed s',
    'watch s',
    'cache',
    'written',
    'peak MB',
    'Hugo s',
    'Hugo MB',
    'Hugo/ours',
    'first view KB gz',
    'index KB gz',
    'query p50/p95 ms',
    'worker p50/p95 ms',
    'long tasks',
    'DOM nodes',
  ];
  const rows = sizes.map((size) => {
    const first = fresh.get(size)!;
    const again = rebuilt.get(size)!;
    const theirs = hugo.get(size);
    const figures = size === readerSize ? reader : null;
    return [
      String(size),
      seconds(first.buildMs),
      `${seconds(again.buildMs)}${again.patched ? ' p' : ''}`,
      ...[added, removed].map((runs) => `${seconds(runs.get(size)!.buildMs)}${runs.get(size)!.patched ? ' p' : ''}`),
      watchFigure(watched.get(size)),
      `${again.cacheReused}/${again.files}`,
      String(again.filesWritten),
      String(
        Math.round(Math.max(first.peakMb, again.maxRssMb, added.get(size)!.maxRssMb, removed.get(size)!.maxRssMb)),
      ),
      theirs ? seconds(theirs.wallMs) : '-',
      theirs?.maxRssMb ? String(Math.round(theirs.maxRssMb)) : '-',
      theirs ? `${(theirs.wallMs / first.processMs).toFixed(1)}x` : '-',
      kb(figures?.firstViewFeedBytes),
      kb(figures?.indexBytes),
      figures ? `${num(figures.queryMsP50, 1)}/${num(figures.queryMsP95, 1)}` : '-',
      figures ? `${num(figures.workerMsP50, 1)}/${num(figures.workerMsP95, 1)}` : '-',
      num(figures?.typingLongTasks),
      num(figures?.domNodesMax),
    ];
  });
  process.stdout.write(table(header, rows));
  const notes = [
    'articles: files in the synthetic corpus (make-corpus.ts: 200 topics, 2,000 providers; ~10% unpublished,',
    '  ~0.1% duplicates, ~0.05% broken). build: buildFeed() wall time into an empty folder, in a child process,',
    `  the median of ${FULL_BUILDS} builds, each into a folder of its own after \`sync\`. The full build fills an empty`,
    '  build cache (its cost is in this figure). The corpus is read once before each build and before Hugo, so',
    '  that both find its files in the page cache.',
    "rebuild: one article's excerpt changed in place, then a build into the same folder with that cache, three times",
    "  in a row (each change another), the median of the three; 'p':",
    "  it patched the last feed (only text changed: src/builder/patch-build.ts), reading the last build's state,",
    '  statting every file and parsing the changed one (and its old bytes, from the cache); otherwise it builds',
    '  in full, writing only the output files whose bytes changed.',
    'new article: then one new article file, newer than all (first in every list it joins), and a build into',
    "  the same folder with that cache, three times (three files), the median; 'p': it patched the last feed",
    '  (src/builder/patch-additions.ts).',
    "removed: then those three files removed again, one a build, the median; 'p' as for a new article.",
    'watch: the same three kinds of change under `npm run feed -- --watch`, timed from the change to its "rebuilt"',
    '  line (the builder keeps its state in memory and stats only what its folder watches saw change): edit/new/',
    "  removed, each the median of three; 'p': all of them patched.",
    'cache: article files the rebuild did not read again (unchanged since the last build) / files. written: output files the',
    '  rebuild wrote (the build report included).',
    'peak MB: max RSS of the build process (worker threads included), any full build or rebuild.',
    'Hugo: `hugo --quiet` writing the same list and per-topic JSON lists from the same files (bench-hugo.ts),',
    '  wall and peak RSS; Hugo/ours: Hugo wall / our build process wall (Node start-up and loading the bundled builder included, as `npm run feed` starts it).',
  ];
  if (hugo.size === 0 && !values['no-hugo']) notes.push(`  Hugo not run: install it with \`${HUGO_INSTALL}\`.`);
  notes.push(
    reader
      ? `reader (${readerSize} row; bench-reader.mjs on the app built with that feed, Chromium, gzip): first-view feed\n` +
          `  bytes of /; index: search-index bytes all its queries loaded; query: with the index loaded, URL change to\n` +
          `  the result count painted; worker: the same queries posted to the search worker to its answer; over\n` +
          `  ${reader.corpus} articles; long tasks > 50 ms while typing; DOM nodes: max while scrolling to result ${reader.scrolledTo}.`
      : `reader columns: ${existsSync(READER_BENCH) ? 'bench-reader.mjs failed or was skipped' : 'test/bench/bench-reader.mjs not present'}, not measured.`,
  );
  process.stdout.write(`${notes.join('\n')}\n`);
}

await main();
