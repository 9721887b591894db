/**
 * `npm run bench:web`: Lighthouse 12 (mobile preset: default config, simulated throttling) on
 * the production build served on 127.0.0.1, for the home page and an article page, plus the
 * initial-JS budget. Prints a table and PASS/FAIL per target; exits non-zero on a miss only
 * with --check.
 *
 *   node test/bench/bench-web.mjs [--no-build | --dist <dir>] [--check] [--article <slug>] [--runs 3]
 *
 * Chromium is launched here (Debian's, with remote debugging) and its port handed to Lighthouse.
 * The server gzips text like a CDN would. Offline, publisher images cannot load (they fail at
 * once, and Chromium logs each failure, which costs best-practices its errors-in-console audit).
 */
import { spawn, spawnSync } from 'node:child_process';
import console from 'node:console';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import process from 'node:process';
import { setTimeout, clearTimeout } from 'node:timers';
import { fileURLToPath, URL } from 'node:url';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, ensureChromium } from '../e2e/chromium.mjs';
import { serveStatic } from '../e2e/static-server.mjs';
import { formatKb, measureInitialJs } from './bundle-budget.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const reportDir = join(repoRoot, 'test-results', 'lighthouse');

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
// --dist measures a build elsewhere, as it is (no build).
const distDir = resolve(repoRoot, option('--dist') ?? 'dist');
const skipBuild = args.includes('--no-build') || option('--dist') !== undefined || process.env.BENCH_SKIP_BUILD === '1';
const check = args.includes('--check');
const articleArg = option('--article');
/** Lighthouse varies run to run; the table shows the median run by performance score. */
const runs = Math.max(1, Number(option('--runs') ?? 3));

const TARGETS = [
  { label: 'performance >= 95', pass: (r) => r.performance >= 95 },
  { label: 'accessibility = 100', pass: (r) => r.accessibility === 100 },
  { label: 'best-practices >= 95', pass: (r) => r.bestPractices >= 95 },
  { label: 'CLS < 0.02', pass: (r) => r.cls < 0.02 },
  { label: 'LCP <= 1.5 s', pass: (r) => r.lcpMs <= 1500 },
];

/** The first article of the built feed's list that has a lead image, else the first one. */
function defaultArticleSlug() {
  const list = JSON.parse(readFileSync(join(distDir, 'feed', 'lists', 'all', '1.json'), 'utf8'));
  const withImage = list.items.find((item) => item.image) ?? list.items[0];
  if (!withImage) throw new Error('The built feed has no articles.');
  return withImage.slug;
}

/** Starts Chromium with remote debugging on a free port; resolves to { port, close }. */
async function launchChromium(executable) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'newsstand-bench-'));
  const child = spawn(
    executable,
    [...CHROMIUM_ARGS, '--remote-debugging-port=0', `--user-data-dir=${userDataDir}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const port = await new Promise((resolvePort, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${stderr}`)), 30_000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolvePort(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}) before it listened:\n${stderr}`));
    });
  });
  const close = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
      if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    }
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return { port, close };
}

async function audit(name, run, url, port) {
  const config = {
    extends: 'lighthouse:default',
    settings: {
      formFactor: 'mobile',
      throttlingMethod: 'simulate',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    },
  };
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error' }, config);
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { categories, audits } = result.lhr;
  writeFileSync(join(reportDir, `${name}-${run}.json`), result.report);
  if (result.lhr.runtimeError) console.error(`${name}: ${result.lhr.runtimeError.message}`);
  const score = (category) => Math.round((categories[category]?.score ?? 0) * 100);
  const below = (category) =>
    categories[category].auditRefs
      .filter((ref) => ref.weight > 0 && audits[ref.id].score !== null && audits[ref.id].score < 1)
      .map((ref) => `${ref.id} (${audits[ref.id].score})`);
  return {
    name,
    url,
    version: result.lhr.lighthouseVersion,
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    lcpMs: audits['largest-contentful-paint'].numericValue,
    cls: audits['cumulative-layout-shift'].numericValue,
    tbtMs: audits['total-blocking-time'].numericValue,
    bytes: audits['total-byte-weight'].numericValue,
    misses: [...below('accessibility'), ...below('best-practices')],
  };
}

function printTable(rows) {
  const header = ['page', 'performance', 'accessibility', 'best-practices', 'LCP ms', 'CLS', 'TBT ms', 'transferred'];
  const lines = rows.map((r) => [
    r.name,
    String(r.performance),
    String(r.accessibility),
    String(r.bestPractices),
    String(Math.round(r.lcpMs)),
    r.cls.toFixed(3),
    String(Math.round(r.tbtMs)),
    formatKb(r.bytes),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
}

const chromiumPath = ensureChromium();
if (!chromiumPath) process.exit(1);
if (!skipBuild && spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' }).status !== 0) {
  console.error('bench:web: `npm run build` failed.');
  process.exit(1);
}
mkdirSync(reportDir, { recursive: true });

const server = await serveStatic(distDir, { gzip: true });
const browser = await launchChromium(chromiumPath);
let rows;
try {
  const articleSlug = articleArg ?? defaultArticleSlug();
  rows = [];
  for (const [name, path] of [
    ['home', ''],
    ['article', `articles/${articleSlug}`],
  ]) {
    const results = [];
    for (let run = 1; run <= runs; run++) {
      results.push(await audit(name, run, new URL(path, server.url).toString(), browser.port));
    }
    results.sort((a, b) => a.performance - b.performance);
    const median = results[Math.floor(results.length / 2)];
    rows.push({
      ...median,
      clsRange: [Math.min(...results.map((r) => r.cls)), Math.max(...results.map((r) => r.cls))],
      lcpRange: [Math.min(...results.map((r) => r.lcpMs)), Math.max(...results.map((r) => r.lcpMs))],
      perfRange: [results[0].performance, results.at(-1).performance],
    });
  }
} finally {
  await browser.close();
  await server.close();
}

const budget = measureInitialJs(distDir);
console.log(
  `\nLighthouse ${rows[0]?.version}, mobile, simulated throttling; median of ${runs} run(s); reports in test-results/lighthouse/\n`,
);
printTable(rows);
console.log(
  `\nInitial JS: ${formatKb(budget.gzipBytes)} gzip (budget ${formatKb(budget.budgetBytes)}) ` +
    (budget.withinBudget ? 'PASS' : 'FAIL'),
);
let failures = budget.withinBudget ? 0 : 1;
for (const row of rows) {
  const verdicts = TARGETS.map((target) => {
    const pass = target.pass(row);
    if (!pass) failures += 1;
    return `${target.label}: ${pass ? 'PASS' : 'FAIL'}`;
  });
  console.log(`${row.name.padEnd(8)} ${verdicts.join('  ')}`);
  if (runs > 1) {
    console.log(
      `         ${runs} runs: performance ${row.perfRange.join('–')}, LCP ${row.lcpRange.map(Math.round).join('–')} ms, ` +
        `CLS ${row.clsRange.map((c) => c.toFixed(3)).join('–')}`,
    );
  }
  if (row.misses.length > 0) console.log(`         audits below 1 (a11y, best practices): ${row.misses.join(', ')}`);
}
if (check && failures > 0) process.exit(1);
