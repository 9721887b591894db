import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { feedPaths, feedUrl } from './src/feed/urls.ts';

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
    apply: 'build',
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

/**
 * Every page starts from the manifest: preloading it from the HTML starts it with the app's code
 * instead of after the code has run. (The page's own first file is preloaded by the app as soon
 * as it starts: see src/app/preload-first-page.ts.) The app's fetch picks up the preloaded
 * response; same origin, so the CSP's connect-src 'self' covers it.
 */
function preloadManifest(): Plugin {
  let base = '/';
  return {
    name: 'newsstand-preload-manifest',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: () => [
      {
        tag: 'link',
        attrs: { rel: 'preload', as: 'fetch', crossorigin: 'anonymous', href: feedUrl(base, feedPaths.manifest()) },
        injectTo: 'head',
      },
    ],
  };
}

/** Modules every page uses: TanStack Query, valibot, the feed contract, the shared UI. */
const SHARED_BY_PAGES =
  /[\\/](node_modules[\\/](@tanstack[\\/](query-core|react-query)|valibot)[\\/]|src[\\/](feed|components|utils|features[\\/]news-providers)[\\/]|src[\\/]app[\\/]query-client\.ts$)/;

export default defineConfig({
  plugins: [react(), securityHeaders(), preloadManifest()],
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
