/**
 * `npm run bench:feed [-- --sizes 10000,100000] [--runs 1] [--seed 1]`
 *
 * Generates synthetic corpora (test/bench/make-corpus.ts) under .cache/bench-feed/, reusing
 * them when they are already there, builds each one in a child process, so that its peak memory
 * is that build's alone, and prints a table: articles, wall time, articles per second, peak RSS.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { buildFeed } from '../../src/builder/build-feed';
import { makeCorpus } from './make-corpus';

const HERE = fileURLToPath(import.meta.url);
const CACHE = path.resolve(path.dirname(HERE), '../../.cache/bench-feed');
/** Bump when make-corpus.ts changes what it writes, so cached corpora are regenerated. */
const CORPUS_VERSION = 1;

interface ChildResult {
  buildMs: number;
  /** User + system CPU time of all threads: a figure that a busy machine disturbs less than wall time. */
  cpuMs: number;
  maxRssMb: number;
  articles: number;
  files: number;
  workers: number;
  timingsMs: Record<string, number>;
}

async function child(content: string, out: string): Promise<void> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const report = await buildFeed({ contentDirs: [content], outDir: out });
  const cpu = process.cpuUsage(cpuStart);
  const result: ChildResult = {
    buildMs: performance.now() - start,
    cpuMs: (cpu.user + cpu.system) / 1000,
    // maxRSS is in kilobytes and covers the worker threads too: they live in this process.
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    articles: report.counts.articles,
    files: report.counts.files,
    workers: report.workers,
    timingsMs: report.timingsMs,
  };
  process.stdout.write(JSON.stringify(result));
}

function ensureCorpus(count: number, seed: number): string {
  const dir = path.join(CACHE, `corpus-${count}`);
  const marker = `${dir}.json`;
  const wanted = JSON.stringify({ version: CORPUS_VERSION, count, seed });
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted && existsSync(dir)) return dir;
  const start = performance.now();
  process.stderr.write(`generating ${count} articles in ${path.relative(process.cwd(), dir)} ... `);
  makeCorpus({ dir, count, seed });
  writeFileSync(marker, wanted);
  process.stderr.write(`${((performance.now() - start) / 1000).toFixed(1)} s\n`);
  return dir;
}

async function runOnce(content: string, out: string): Promise<ChildResult & { processMs: number }> {
  rmSync(out, { recursive: true, force: true });
  const start = performance.now();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', HERE, '--child', '--content', content, '--out', out],
    { maxBuffer: 1 << 20 },
  );
  return { ...(JSON.parse(stdout) as ChildResult), processMs: performance.now() - start };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000,100000' },
      runs: { type: 'string', default: '1' },
      seed: { type: 'string', default: '1' },
      child: { type: 'boolean', default: false },
      content: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (values.child) return child(values.content!, values.out!);

  const sizes = values.sizes.split(',').map((size) => Number.parseInt(size.trim(), 10));
  if (sizes.some((size) => !Number.isInteger(size) || size <= 0)) throw new Error(`bad --sizes: ${values.sizes}`);
  const runs = Math.max(1, Number.parseInt(values.runs, 10) || 1);
  process.stderr.write(
    `${os.availableParallelism()} cores, Node ${process.version}, ${runs} run(s) per size, best shown\n`,
  );

  const rows: string[][] = [];
  for (const size of sizes) {
    const content = ensureCorpus(size, Number(values.seed));
    const out = path.join(CACHE, `out-${size}`);
    let best: Awaited<ReturnType<typeof runOnce>> | null = null;
    for (let run = 0; run < runs; run++) {
      const result = await runOnce(content, out);
      process.stderr.write(
        `  ${size}: build ${(result.buildMs / 1000).toFixed(2)} s, cpu ${(result.cpuMs / 1000).toFixed(2)} s, ` +
          `phases ${JSON.stringify(result.timingsMs)}, load ${os.loadavg()[0]!.toFixed(1)}\n`,
      );
      if (!best || result.buildMs < best.buildMs) best = result;
    }
    rows.push([
      String(best!.files),
      String(best!.articles),
      (best!.buildMs / 1000).toFixed(2),
      Math.round(best!.files / (best!.buildMs / 1000)).toString(),
      Math.round(best!.maxRssMb).toString(),
      (best!.cpuMs / 1000).toFixed(2),
      (best!.processMs / 1000).toFixed(2),
      String(best!.workers),
    ]);
  }

  const header = ['articles', 'in feed', 'wall s', 'articles/s', 'peak RSS MB', 'cpu s', 'process s', 'workers'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i]!)).join('  ');
  process.stdout.write(`${line(header)}\n${rows.map(line).join('\n')}\n`);
  process.stdout.write(
    'articles: files read; in feed: published, valid, not duplicates; wall: buildFeed(); cpu: user + system, all threads;\n' +
      'process: wall with Node and tsx start-up. Wall times need an otherwise idle machine.\n',
  );
}

await main();
