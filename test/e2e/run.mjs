/**
 * `npm run test:e2e`: the browser tests on the production build.
 *   1. finds Chromium (installs Debian's package when root, else stops with the command to run);
 *   2. builds the feed and the app, unless E2E_SKIP_BUILD=1;
 *   3. checks the initial-JS budget;
 *   4. runs test/e2e/*.e2e.test.ts with vitest, against dist/ served on 127.0.0.1.
 * E2E_SKIP_BUILD=1 tests the existing build; E2E_DIST=<dir> tests a build in another folder.
 * Extra arguments go to vitest, e.g. `npm run test:e2e -- journeys`.
 */
import { spawnSync } from 'node:child_process';
import console from 'node:console';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import process from 'node:process';
import { formatKb, measureInitialJs } from '../bench/bundle-budget.mjs';
import { ensureChromium } from './chromium.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
// E2E_DIST tests a build elsewhere (with E2E_SKIP_BUILD=1), e.g. one not shared with other work.
const distDir = resolve(repoRoot, process.env.E2E_DIST ?? 'dist');

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

const chromium = ensureChromium();
if (!chromium) {
  console.error('Browser tests NOT run: Chromium is missing (see above).');
  process.exit(1);
}
console.log(`Chromium: ${chromium}`);

if (process.env.E2E_SKIP_BUILD === '1') {
  console.log(`E2E_SKIP_BUILD=1: testing the existing build in ${distDir}.`);
  if (!existsSync(`${distDir}/index.html`)) {
    console.error(`${distDir}/index.html is missing: run \`npm run build\` first or drop E2E_SKIP_BUILD.`);
    process.exit(1);
  }
} else if (run('npm', ['run', 'build']) !== 0) {
  console.error('Browser tests NOT run: `npm run build` failed.');
  process.exit(1);
}

const budget = measureInitialJs(distDir);
for (const file of budget.files) console.log(`  ${file.url}  ${formatKb(file.gzipBytes)} gzip`);
const verdict = budget.withinBudget ? 'OK' : 'OVER BUDGET';
console.log(`Initial JS: ${formatKb(budget.gzipBytes)} gzip (budget ${formatKb(budget.budgetBytes)}) ${verdict}`);
if (!budget.withinBudget) {
  console.error(
    `\n*** FAIL: the initial JavaScript is ${formatKb(budget.gzipBytes - budget.budgetBytes)} over the ` +
      `${formatKb(budget.budgetBytes)} gzip budget. Split a route or drop a dependency. ***\n`,
  );
}

const vitest = `${repoRoot}node_modules/vitest/vitest.mjs`;
const status = run(
  process.execPath,
  [vitest, 'run', '--config', 'test/e2e/vitest.config.ts', ...process.argv.slice(2)],
  {
    ...process.env,
    CHROMIUM_PATH: chromium,
    E2E_DIST: distDir,
  },
);
if (!budget.withinBudget) console.error(`*** FAIL: initial JS ${formatKb(budget.gzipBytes)} gzip is over budget. ***`);
process.exit(status !== 0 ? status : budget.withinBudget ? 0 : 1);
