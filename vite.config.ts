import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import react from '@vitejs/plugin-react';
import { build as viteBuild, type Plugin, type ResolvedConfig } from 'vite';
import { defineConfig } from 'vitest/config';
import { paths } from './src/app/paths.ts';
import type { prerenderPage } from './src/app/root-prerender.tsx';
import { bootScript } from './src/app/root-snapshot.ts';
import { LIST_PAGE_SIZE } from './src/feed/schema.ts';
import { ALL_ARTICLES, feedPaths, feedUrl } from './src/feed/urls.ts';

/**
 * The built app's Content-Security-Policy. Feed text is untrusted, so scripts come only from
 * our own origin; images may come from any https publisher; frames only from the video hosts
 * whose embeds the app builds itself (src/features/articles/.../video-embed).
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https:",
  "connect-src 'self'",
  'frame-src https://www.youtube-nocookie.com https://player.vimeo.com',
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Headers for static hosts that read a `_headers` file (Netlify, Cloudflare Pages, ...). */
const staticHostHeaders = `/*
  Content-Security-Policy: ${contentSecurityPolicy}; frame-ancestors 'none'
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
  Permissions-Policy: camera=(), microphone=(), geolocation=()

/assets/*
  Cache-Control: public, max-age=31536000, immutable

/feed/*
  Cache-Control: public, max-age=300, must-revalidate
`;

/** Only the production build gets the CSP: Vite's dev server injects inline scripts. */
function securityHeaders(): Plugin {
  return {
    name: 'newsstand-security-headers',
    apply: clientBuild,
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy },
        injectTo: 'head-prepend',
      },
    ],
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: staticHostHeaders });
    },
  };
}

/** The browser build, not the prerender's own (Node) build of root-prerender.tsx. */
function clientBuild(config: { build?: { ssr?: unknown } }, { command }: { command: string }): boolean {
  return command === 'build' && !config.build?.ssr;
}

/** The boot script's file: named by its content, like the other assets, so it can be cached for good. */
const bootFileName = `assets/boot-${createHash('sha256').update(bootScript).digest('hex').slice(0, 8)}.js`;

/**
 * The boot script (src/app/root-snapshot.ts), a classic script in the head: it runs before the
 * body is parsed, so the browser never paints another page's snapshot or the wrong theme, and it
 * starts the app's entry (see there when). A file, not an inline script, so the CSP stays
 * `script-src 'self'`; it loads alongside the stylesheets, which the first paint waits for.
 */
function bootScriptTag(): Plugin {
  let base = '/';
  return {
    name: 'newsstand-boot-script',
    apply: clientBuild,
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const entry = /\n\s*<script type="module" crossorigin src="([^"]+)"><\/script>/.exec(html);
        if (!entry) throw new Error('index.html has no module entry script for the boot script to start');
        const withoutEntry = html.replace(entry[0], '');
        // Before the stylesheets: a classic script after them would wait for them to load.
        const firstStylesheet = withoutEntry.indexOf('<link rel="stylesheet"');
        const at = firstStylesheet === -1 ? withoutEntry.indexOf('</head>') : firstStylesheet;
        const tag = `<script src="${base}${bootFileName}" data-entry="${entry[1]}"></script>\n    `;
        return withoutEntry.slice(0, at) + tag + withoutEntry.slice(at);
      },
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: bootFileName, source: bootScript });
    },
  };
}

/**
 * How many article pages get a prerendered snapshot: the newest (a page's worth of the home list,
 * whose page 1 holds 50 to 99), which readers reach from the home page and links most. Older
 * articles load as before.
 */
const PRERENDERED_ARTICLES = LIST_PAGE_SIZE;

/**
 * Prerendering: after the browser build, the first screen of the home page and of the newest
 * articles is rendered to static HTML from the feed in the output (dist/feed/), with the app's own
 * routes and components (src/app/root-prerender.tsx, built for Node here). Each page's HTML then
 * paints its content before any JavaScript runs; the app replaces the snapshot with the live page
 * once it has loaded the feed as it is now (src/main.tsx), so a feed republished later still shows.
 * Without a feed in the output there is nothing to render, and the pages stay as they were.
 */
function prerenderPages(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'newsstand-prerender',
    apply: clientBuild,
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      const outDir = resolve(config.root, config.build.outDir);
      const feedDir = join(outDir, 'feed');
      if (!existsSync(join(feedDir, feedPaths.manifest()))) {
        config.logger.warn(`No feed in ${feedDir}: no pages prerendered.`);
        return;
      }
      const renderer = await buildPrerenderer(config);
      try {
        const pages = await prerenderAll(renderer, config.base, outDir);
        config.logger.info(`Prerendered ${pages} pages from ${feedDir}.`);
      } finally {
        await rm(renderer.dir, { recursive: true, force: true });
      }
    },
  };
}

/** Builds root-prerender.tsx for Node (same config, so CSS module class names match the browser's). */
async function buildPrerenderer(config: ResolvedConfig) {
  const dir = join(config.root, 'node_modules', '.cache', `newsstand-prerender-${process.pid}`);
  await viteBuild({
    configFile: config.configFile,
    mode: config.mode,
    base: config.base,
    logLevel: 'warn',
    build: {
      ssr: 'src/app/root-prerender.tsx',
      outDir: dir,
      emptyOutDir: true,
      copyPublicDir: false,
      rolldownOptions: { output: { entryFileNames: 'root-prerender.mjs' } },
    },
  });
  const module = (await import(pathToFileURL(join(dir, 'root-prerender.mjs')).href)) as {
    prerenderPage: typeof prerenderPage;
  };
  return { dir, prerenderPage: module.prerenderPage };
}

async function prerenderAll(
  renderer: { prerenderPage: typeof prerenderPage },
  base: string,
  outDir: string,
): Promise<number> {
  const origin = 'http://prerender.invalid';
  const feedBase = feedUrl(base, '');
  const template = await readFile(join(outDir, 'index.html'), 'utf8');
  const firstPage = JSON.parse(await readFile(join(outDir, 'feed', feedPaths.listPage(ALL_ARTICLES, 1)), 'utf8')) as {
    items: { slug: string }[];
  };
  const routes = [
    paths.home(),
    ...firstPage.items.slice(0, PRERENDERED_ARTICLES).map(({ slug }) => paths.article(slug)),
  ];

  // The loaders fetch feed files as the browser would; here they are read from the output.
  const realFetch = globalThis.fetch;
  let fetched = new Set<string>();
  globalThis.fetch = async (input) => {
    const { pathname } = new URL(input instanceof Request ? input.url : String(input), origin);
    fetched.add(pathname);
    const file = pathname.startsWith(feedBase) ? join(outDir, 'feed', pathname.slice(feedBase.length)) : null;
    if (!file || !existsSync(file)) return new Response('Not found', { status: 404 });
    return new Response(await readFile(file), { headers: { 'Content-Type': 'application/json' } });
  };
  const snapshotStyles = new SnapshotStyles();
  const pages: { file: string; html: string; feedFiles: Set<string> }[] = [];
  try {
    for (const route of routes) {
      const pathname = `${base.replace(/\/$/, '')}${route}`;
      fetched = new Set();
      const page = await renderer.prerenderPage(new URL(pathname, origin).href);
      if (!page) continue;
      const html = template
        .replace('<html lang="en">', `<html lang="en" data-snapshot="${pathname}">`)
        .replace(/<title>[^<]*<\/title>/, `<title>${page.title ?? 'Newsstand'}</title>`)
        .replace('<div id="root"></div>', `<div id="root">${snapshotStyles.extract(page.html)}</div>`);
      pages.push({ file: join(outDir, `.${route}`, 'index.html'), html, feedFiles: fetched });
    }
  } finally {
    globalThis.fetch = realFetch;
  }
  const stylesheet = snapshotStyles.stylesheet();
  const styleFile = `assets/snapshot-${createHash('sha256').update(stylesheet).digest('hex').slice(0, 8)}.css`;
  await writeFile(join(outDir, styleFile), stylesheet);
  // Feed files that every prerendered page's loaders fetched (the reader's first file) are
  // preloaded by the HTML itself, which hosts also serve for other pages; a page's own files only
  // by the boot script, when the snapshot is the page's (`data-snapshot-feed`). Both as the app's
  // fetch() asks for them (CORS mode, same origin), so it picks up the preloaded responses.
  const everyPage = pages.map((page) => page.feedFiles).reduce((a, b) => new Set([...a].filter((url) => b.has(url))));
  const preloads = [...everyPage].map((url) => `<link rel="preload" as="fetch" crossorigin="anonymous" href="${url}">`);
  await writeFile(join(outDir, APP_SHELL), appShell(template, preloads));
  for (const { file, html, feedFiles } of pages) {
    const ownFiles = [...feedFiles].filter((url) => !everyPage.has(url));
    // Beside the app's stylesheet, before the boot script, which waits for the stylesheets above it.
    const styleLink = /<link rel="stylesheet"[^>]*>/.exec(html)?.[0] ?? '</title>';
    const head = [styleLink, `<link rel="stylesheet" href="${base}${styleFile}">`, ...preloads].join('\n    ');
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(
      file,
      html
        .replace(styleLink, head)
        .replace('data-snapshot="', `data-snapshot-feed="${ownFiles.join(' ')}" data-snapshot="`),
    );
  }
  return pages.length;
}

/**
 * The page for every address without a snapshot of its own, for hosts to fall back to (README,
 * Deploying): the app's HTML as it was before prerendering, its entry a module script the browser
 * fetches at once, with no boot script between (a host that falls back to index.html, the home
 * page, works too, a round trip slower: its boot script hides the snapshot and starts the app).
 */
const APP_SHELL = 'app.html';

function appShell(template: string, preloads: string[]): string {
  const boot = /<script src="[^"]+" data-entry="([^"]+)"><\/script>/.exec(template);
  if (!boot) throw new Error('index.html has no boot script');
  return template.replace(
    boot[0],
    [`<script type="module" crossorigin src="${boot[1]}"></script>`, ...preloads].join('\n    '),
  );
}

/**
 * The CSP (`style-src 'self'`) ignores style attributes in HTML, as React's inline styles (an
 * image's aspect ratio) are in a snapshot: each distinct one becomes a rule of a shared stylesheet,
 * applied by a data attribute instead. Values are numbers and units from the feed's schema; any
 * other is dropped.
 */
class SnapshotStyles {
  private rules = new Map<string, number>();

  extract(html: string): string {
    return html.replace(/ style="([^"]*)"/g, (_, encoded: string) => {
      const declarations = encoded.replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&amp;', '&');
      if (!/^[\w\s\-.:;/%(),#]*$/.test(declarations)) return '';
      let id = this.rules.get(declarations);
      if (id === undefined) this.rules.set(declarations, (id = this.rules.size));
      return ` data-snapshot-style="${id}"`;
    });
  }

  stylesheet(): string {
    return [...this.rules].map(([declarations, id]) => `[data-snapshot-style="${id}"]{${declarations}}`).join('\n');
  }
}

/** Modules every page uses: TanStack Query, valibot, the feed contract, the shared UI. */
const SHARED_BY_PAGES =
  /[\\/](node_modules[\\/](@tanstack[\\/](query-core|react-query)|valibot)[\\/]|src[\\/](feed|components|utils|features[\\/]news-providers)[\\/]|src[\\/]app[\\/]query-client\.ts$)/;

export default defineConfig({
  plugins: [react(), securityHeaders(), bootScriptTag(), prerenderPages()],
  server: {
    // Not the feed (100k files at scale, served as they are; the reader notices a new build
    // itself) nor the benchmarks' corpora and outputs: watching them would take more inotify
    // watches than a system allows.
    watch: { ignored: ['**/public/feed/**', '**/.cache/**', '**/dist/**'] },
  },
  build: {
    target: 'es2022',
    // One stylesheet (5.6 kB gzip), loaded with the page: a lazy page then waits for no CSS of its
    // own, and the first view adds no stylesheets later (each one restyles the whole document).
    cssCodeSplit: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Everything the entry needs, in the entry's one file: one request, one gzip stream.
            { name: 'index', tags: ['$initial'] },
            // What every page needs besides its own code: TanStack Query and its client, valibot,
            // the feed contract and the shared UI. One chunk, loaded with the first page, rather
            // than a handful of small ones that each cost a request.
            // (The carousel is left to the article's lazily loaded further reading.)
            {
              name: 'common',
              test: (id) => SHARED_BY_PAGES.test(id) && !/[\\/]components[\\/]carousel[\\/]/.test(id),
            },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // The machine has two cores; more workers only thrash.
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
