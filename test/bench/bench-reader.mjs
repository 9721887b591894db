/**
 * The reader at scale, in Chromium, on a built app whose feed/ is a large corpus (e.g. 100k
 * articles): first-view feed bytes of `/`, search-index bytes, query latency, long tasks while
 * typing, and the DOM size after scrolling through 10,000 results. Prints a table, or JSON with
 * --json.
 *
 * Query latency is reported in two groups. "First query with a fetch": the first query that needs
 * the facet index, then one query per new term shard (that is the index loading, network and
 * decoding included). "Index loaded": ~30 views mixing every filter and text, run once those
 * files are in the worker, each a view the page has not shown before (nothing served from the
 * query cache). For each: posted to the worker → answer (and the worker's own compute time), and
 * URL change → result count on screen, and → first card of the results on screen. Views that
 * still fetched an index file are counted as first queries, not as loaded ones.
 *
 *   node test/bench/bench-reader.mjs [--dist .cache/dist-100k] [--json] [--rounds 1]
 *
 * --rounds N repeats the loaded-index views N times, each round on a fresh page (so every view is
 * new to that page's query cache), for more samples.
 *
 * Preparing a dist (reuse it when present):
 *   npx tsx test/bench/make-corpus.ts --dir .cache/reader-corpus-100k --count 100000 --topics 200 --providers 2000
 *   npx vite build --outDir .cache/reader-dist && cp -r .cache/reader-dist .cache/dist-100k && rm -rf .cache/dist-100k/feed
 *   npm run feed -- --content .cache/reader-corpus-100k --out .cache/dist-100k/feed
 *
 * Served by the browser suite's static server with gzip; byte figures are transferred (gzip)
 * body bytes. The site's CSP from dist/_headers is added to page responses, so the search worker
 * runs under the same policy as on the real host.
 */
// The functions given to page.evaluate and addInitScript run in the page, with its globals.
/* global MessageChannel, PerformanceObserver, PopStateEvent, dispatchEvent, document, history, location, performance, requestAnimationFrame, scrollBy, window */
import console from 'node:console';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../e2e/chromium.mjs';
import { serveStatic } from '../e2e/static-server.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const distDir = resolve(repoRoot, option('--dist') ?? '.cache/dist-100k');
const asJson = args.includes('--json');
const log = (line) => process.stderr.write(`${line}\n`);

const FIRST_VIEW_BUDGET = 60 * 1024;
const SCROLL_TARGET = 10_000;

/** The CSP line of dist/_headers (Netlify/Cloudflare format), or null. */
function sitePolicy() {
  try {
    const match = /Content-Security-Policy:\s*(.+)/.exec(readFileSync(join(distDir, '_headers'), 'utf8'));
    return match ? match[1].trim() : null;
  } catch {
    return null;
  }
}

const readFeed = (path) => JSON.parse(readFileSync(join(distDir, 'feed', path), 'utf8'));

const QUERY_WORDS = ['cloud', 'data', 'security', 'model', 'platform', 'release', 'agents', 'insights', 'ba', 'ko'];

/** ~30 views mixing topics, provider, type, date range, order and text, from the feed itself. */
function queryCombinations() {
  const manifest = readFeed('index.json');
  const providers = manifest.providers ?? readFeed('providers.json').providers;
  const topics = manifest.topics.map((topic) => topic.slug);
  const provider = (i) => providers[i % providers.length].slug;
  const newest = readFeed('lists/all/1.json').items[0].publishedAt.slice(0, 10);
  const daysBefore = (days) => new Date(Date.parse(newest) - days * 86_400_000).toISOString().slice(0, 10);
  const words = QUERY_WORDS;
  const views = [];
  for (let i = 0; i < 6; i++) {
    views.push(`topic=${topics[i * 7]}&topic=${topics[i * 7 + 3]}&type=${i % 2 ? 'video' : 'article'}`);
    views.push(`provider=${provider(i * 13)}&sort=${i % 2 ? 'trending' : 'quality'}`);
    views.push(`from=${daysBefore(30 + i * 20)}&to=${daysBefore(i * 20)}&topic=${topics[i]}`);
    views.push(`q=${words[i]}${i % 2 ? `&topic=${topics[i + 10]}` : ''}`);
    views.push(`q=${words[i]}+${words[i + 4]}&from=${daysBefore(365)}&sort=trending`);
  }
  return views;
}

const median = (values) => percentile(values, 50);

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
};

/**
 * Go back to the plain list, then change the URL to `/?view` the way the router does and time:
 * the worker's answer (its User Timing entry), the new result count painted, and the results'
 * first card painted.
 */
async function measureView(page, view, allHeading) {
  await page.evaluate(() => {
    history.pushState(null, '', '/');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await page.waitForFunction(
    (all) => !location.search && document.querySelector('h2[aria-live=polite]')?.textContent === all,
    allHeading,
  );
  await page.waitForTimeout(100);
  return page.evaluate(
    ({ view, before }) =>
      new Promise((done) => {
        // A task queued from an animation frame runs once that frame has been painted. A check
        // run in an animation frame sees what that very frame paints, so it queues the task at
        // once; from a task, the next frame is the first that can show a change. The task is
        // user-blocking: tasks queued at normal priority (the cards' image loads and errors,
        // React's work after its commit) run after the frame too, and ahead of a plain message
        // they delayed the reading, not the paint, by up to a frame or more.
        const painted = (inFrame) =>
          new Promise((resolve) => {
            const afterPaint = () => {
              const stamp = () => resolve(performance.now());
              if (window.scheduler?.postTask) {
                window.scheduler.postTask(stamp, { priority: 'user-blocking' });
                return;
              }
              const channel = new MessageChannel();
              channel.port1.onmessage = stamp;
              channel.port2.postMessage(null);
            };
            if (inFrame) afterPaint();
            else requestAnimationFrame(afterPaint);
          });
        performance.clearMeasures('newsstand:search');
        const started = performance.now();
        history.pushState(null, '', `/?${view}`);
        dispatchEvent(new PopStateEvent('popstate'));
        const result = { ms: NaN, nextFrameMs: NaN, cardMs: null, worker: null, compute: null, text: 'timeout' };
        const waitForCard = (feed, inFrame) => {
          if (feed?.querySelector('article:not([aria-busy=true])')) {
            painted(inFrame).then((at) => done({ ...result, cardMs: at - started }));
          } else if (performance.now() - started > 10_000 || !feed) done(result);
          else requestAnimationFrame(() => waitForCard(feed, true));
        };
        const check = (inFrame) => {
          const heading = document.querySelector('h2[aria-live=polite]');
          if (heading && heading.textContent !== before) {
            const search = performance.getEntriesByName('newsstand:search').at(-1);
            result.worker = search?.duration ?? null;
            result.compute = search?.detail?.computeMs ?? null;
            result.text = heading.textContent;
            const feed = heading.closest('section')?.querySelector('[role=feed]') ?? null;
            // Also the frame after the one that shows the count: what this bench timed until it
            // queued its check from the count's own frame into the next one.
            const nextFrame = painted(false).then((at) => (result.nextFrameMs = at - started));
            painted(inFrame).then((at) => {
              result.ms = at - started;
              nextFrame.then(() => waitForCard(feed, false));
            });
          } else if (performance.now() - started > 10_000) done(result);
          else requestAnimationFrame(() => check(true));
        };
        check(false);
      }),
    { view, before: allHeading },
  );
}

/** A browser context with the long-task and CSP-violation probes, and the site's CSP on documents. */
async function openContext(browser, server, policy) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Long tasks and CSP violations, from the very start of every page.
  await context.addInitScript(() => {
    window.__longTasks = [];
    window.__cspViolations = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, ms: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
    document.addEventListener('securitypolicyviolation', (event) =>
      window.__cspViolations.push(event.violatedDirective),
    );
  });
  if (policy) {
    // Documents get the host's CSP; files keep the static server's response (and sizes).
    await context.route(
      (url) => url.origin === new URL(server.url).origin && !/\.[a-z0-9]+$/i.test(url.pathname),
      async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
      },
    );
  }
  return context;
}

/** Feed responses of a page (path, gzip body bytes) and how many index files it has requested. */
function watchFeed(page) {
  const watched = { responses: [], indexRequests: 0 };
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/feed/index/')) watched.indexRequests++;
  });
  page.on('requestfinished', async (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/feed/')) return;
    const entry = { path: url.pathname.slice('/feed/'.length), bytes: 0, at: Date.now() };
    watched.responses.push(entry);
    // Chromium reports -1 for a body it did not count (a failed or aborted load). A response
    // still reading when its page closes (a busy machine) has no sizes: count it as 0, not a crash.
    const sizes = await request.sizes().catch(() => null);
    entry.bytes = Math.max(0, sizes?.responseBodySize ?? 0);
  });
  return watched;
}

/**
 * One round of query timings on a fresh context (empty HTTP cache, new search worker): first the
 * loading queries (facet index, then a new term shard each), then every view of
 * queryCombinations() with the index loaded.
 */
async function queryRound(browser, server, policy, round) {
  const context = await openContext(browser, server, policy);
  try {
    const page = await context.newPage();
    const feed = watchFeed(page);
    await page.goto(server.url);
    await page.locator('[role=feed] article:not([aria-busy=true])').first().waitFor();
    const allHeading = `${readFeed('index.json').articleCount.toLocaleString('en-US')} articles`;
    const firstQueries = [];
    const loaded = [];
    const loading = ['type=video', ...QUERY_WORDS.map((word) => `q=${word}&type=video`)];
    for (const [i, view] of [...loading, ...queryCombinations()].entries()) {
      const requestsBefore = feed.indexRequests;
      const result = await measureView(page, view, allHeading);
      const fetched = feed.indexRequests > requestsBefore;
      const kind = i === 0 ? 'facets' : fetched ? 'shard' : 'loaded';
      (kind === 'loaded' ? loaded : firstQueries).push({ ...result, kind });
      const ms = (value) => (value === null ? '-' : value.toFixed(1));
      log(
        `  [${round}] ${view}: ${ms(result.ms)} ms, first card ${ms(result.cardMs)} ms ` +
          `(worker ${ms(result.worker)}, compute ${ms(result.compute)}) ${kind}; ${result.text}`,
      );
    }
    await page.waitForTimeout(200); // sizes() of the responses above resolve
    return { firstQueries, loaded, responses: feed.responses };
  } finally {
    await context.close();
  }
}

const pick = (results, field) => results.map((r) => r[field]).filter((value) => value !== null && !Number.isNaN(value));

async function main() {
  const policy = sitePolicy();
  const rounds = Number(option('--rounds') ?? 1);
  const server = await serveStatic(distDir, { gzip: true });
  const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS });
  try {
    const context = await openContext(browser, server, policy);
    const page = await context.newPage();
    const feedResponses = watchFeed(page).responses;
    const workers = [];
    page.on('worker', (worker) => workers.push(worker.url()));

    // 1. First view of `/`: feed bytes until the app's first cards show. A prerendered page
    // paints the build's cards before any feed file loads; the app replaces that snapshot
    // (and drops html[data-snapshot]) once it has the feed as it is now.
    await page.goto(server.url, { waitUntil: 'commit' });
    await page.locator('html:not([data-snapshot])').waitFor({ state: 'attached' });
    await page.locator('[role=feed] article:not([aria-busy=true])').first().waitFor();
    const firstCardsAt = Date.now();
    await page.waitForTimeout(200); // sizes() of the responses above resolve
    const firstView = feedResponses.filter((r) => r.at <= firstCardsAt);
    const firstViewBytes = firstView.reduce((sum, r) => sum + r.bytes, 0);
    log(`first view: ${firstView.map((r) => `${r.path} ${r.bytes}`).join(', ')}`);

    // 2. Typing a query: long tasks on the main thread from the first key to the results (the
    // index loads meanwhile). Words no timed view below uses, so none of them is answered from cache.
    await page.waitForTimeout(1000);
    const typingStart = await page.evaluate(() => performance.now());
    const search = page.getByRole('searchbox', { name: 'Search articles' });
    await search.click();
    for (const word of ['pro', 'ces', 's wo', 'rk']) {
      await search.pressSequentially(word, { delay: 60 });
      await page.waitForTimeout(400); // past the debounce: each pause runs a search
    }
    await page.waitForFunction(() => location.search.includes('q=process+work'));
    await page.waitForFunction(() => !document.querySelector('[role=status]'));
    await page.waitForTimeout(500);
    const typingLongTasks = await page.evaluate(
      (from) => window.__longTasks.filter((t) => t.start >= from),
      typingStart,
    );

    // 3. Query latency, each view after the plain list: loading the index, then with it loaded.
    const firstQueries = [];
    const loaded = [];
    let indexResponses = [];
    for (let round = 1; round <= rounds; round++) {
      const result = await queryRound(browser, server, policy, round);
      firstQueries.push(...result.firstQueries);
      loaded.push(...result.loaded);
      if (round === 1) indexResponses = result.responses.filter((r) => r.path.startsWith('index/'));
    }
    const indexPaths = new Set(indexResponses.map((r) => r.path));
    const indexBytes = [...indexPaths].reduce(
      (sum, path) => sum + indexResponses.find((r) => r.path === path).bytes,
      0,
    );
    const facetBytes = indexResponses.find((r) => r.path === 'index/facets.json')?.bytes ?? 0;
    const biggestShard = Math.max(
      0,
      ...indexResponses.filter((r) => r.path.startsWith('index/terms/')).map((r) => r.bytes),
    );

    // 4. DOM size after scrolling through 10,000 results of a filtered (index) view.
    await page.goto(`${server.url}?type=article`);
    await page.locator('[role=feed] article').first().waitFor();
    let maxNodes = 0;
    let reached = 0;
    for (let step = 0; step < 2000 && reached < SCROLL_TARGET; step++) {
      await page.evaluate(() => scrollBy(0, 4000));
      await page.waitForTimeout(30);
      const state = await page.evaluate(() => ({
        nodes: document.getElementsByTagName('*').length,
        last: Math.max(...[...document.querySelectorAll('[role=feed] article')].map((a) => Number(a.ariaPosInSet))),
      }));
      maxNodes = Math.max(maxNodes, state.nodes);
      reached = state.last;
    }
    const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    const cspViolations = await page.evaluate(() => window.__cspViolations);

    // The first query that loaded the facet index, and those that loaded a new term shard.
    const facetsFirst = firstQueries.filter((r) => r.kind === 'facets');
    const shardFirst = firstQueries.filter((r) => r.kind === 'shard');
    const report = {
      corpus: readFeed('index.json').articleCount,
      firstViewFeedBytes: firstViewBytes,
      firstViewFiles: firstView.map((r) => r.path),
      firstViewWithinBudget: firstViewBytes <= FIRST_VIEW_BUDGET,
      indexBytes,
      indexFiles: indexPaths.size,
      facetIndexBytes: facetBytes,
      largestTermShardBytes: biggestShard,
      rounds,
      loadedQueries: loaded.length,
      queryMsP50: percentile(pick(loaded, 'ms'), 50),
      queryMsP95: percentile(pick(loaded, 'ms'), 95),
      nextFrameMsP50: percentile(pick(loaded, 'nextFrameMs'), 50),
      nextFrameMsP95: percentile(pick(loaded, 'nextFrameMs'), 95),
      firstCardMsP50: percentile(pick(loaded, 'cardMs'), 50),
      firstCardMsP95: percentile(pick(loaded, 'cardMs'), 95),
      workerMsP50: percentile(pick(loaded, 'worker'), 50),
      workerMsP95: percentile(pick(loaded, 'worker'), 95),
      computeMsP50: percentile(pick(loaded, 'compute'), 50),
      computeMsP95: percentile(pick(loaded, 'compute'), 95),
      facetsFirstQueryMs: median(pick(facetsFirst, 'ms')),
      facetsFirstQueryWorkerMs: median(pick(facetsFirst, 'worker')),
      shardFirstQueries: shardFirst.length,
      shardFirstQueryMsP50: percentile(pick(shardFirst, 'ms'), 50),
      shardFirstQueryMsP95: percentile(pick(shardFirst, 'ms'), 95),
      shardFirstQueryWorkerMsP50: percentile(pick(shardFirst, 'worker'), 50),
      shardFirstQueryWorkerMsP95: percentile(pick(shardFirst, 'worker'), 95),
      typingLongTasks: typingLongTasks.length,
      typingLongestTaskMs: Math.max(0, ...typingLongTasks.map((t) => t.ms)),
      scrolledTo: reached,
      domNodesAfterScroll: domNodes,
      domNodesMax: maxNodes,
      searchWorker: workers.some((url) => url.includes('search.worker')),
      cspApplied: policy !== null,
      cspViolations,
    };
    if (asJson) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
    const ms = (value) => `${value.toFixed(1)} ms`;
    console.table({
      corpus: { value: `${report.corpus} articles` },
      'first-view feed bytes of / (gzip)': {
        value: `${kb(firstViewBytes)} (${report.firstViewFiles.join(', ')}) ${report.firstViewWithinBudget ? 'PASS' : 'FAIL'} <= 60 KB`,
      },
      'index bytes, all queries (gzip)': {
        value: `${kb(indexBytes)} in ${indexPaths.size} files; facets ${kb(facetBytes)}, largest shard ${kb(biggestShard)}`,
      },
      [`index loaded (${loaded.length} views): URL change → count painted, p50 / p95`]: {
        value: `${ms(report.queryMsP50)} / ${ms(report.queryMsP95)}`,
      },
      'index loaded: URL change → the frame after the count painted, p50 / p95': {
        value: `${ms(report.nextFrameMsP50)} / ${ms(report.nextFrameMsP95)}`,
      },
      'index loaded: posted to worker → answer, p50 / p95': {
        value: `${ms(report.workerMsP50)} / ${ms(report.workerMsP95)} (compute in the worker ${ms(report.computeMsP50)} / ${ms(report.computeMsP95)})`,
      },
      'index loaded: URL change → first card painted, p50 / p95': {
        value: `${ms(report.firstCardMsP50)} / ${ms(report.firstCardMsP95)}`,
      },
      'first query, loading the facet index: count painted (worker)': {
        value: `${ms(report.facetsFirstQueryMs)} (${ms(report.facetsFirstQueryWorkerMs)})`,
      },
      [`first query with a new term shard (${report.shardFirstQueries}): count painted p50 / p95 (worker)`]: {
        value: `${ms(report.shardFirstQueryMsP50)} / ${ms(report.shardFirstQueryMsP95)} (${ms(report.shardFirstQueryWorkerMsP50)} / ${ms(report.shardFirstQueryWorkerMsP95)})`,
      },
      'long tasks > 50 ms while typing': {
        value: `${report.typingLongTasks} (longest ${ms(report.typingLongestTaskMs)})`,
      },
      [`DOM nodes after scrolling to result ${reached}`]: { value: `${domNodes} (max ${maxNodes})` },
      'search worker under site CSP': {
        value: `${report.searchWorker ? 'ran' : 'NOT RUN'}${report.cspApplied ? '' : ' (no _headers CSP)'}; violations: ${cspViolations.length}`,
      },
    });
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
