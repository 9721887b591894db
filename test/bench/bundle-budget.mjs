/**
 * The initial-JavaScript budget: what a first visit must download and run before the app can
 * draw anything, i.e. the entry script of dist/index.html and the chunks it modulepreloads.
 * Lazy route chunks are not counted: they load only when a route needs them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** 110 kB of gzip, measured like Vite reports sizes: gzip level 9, kB = 1,000 bytes. */
export const INITIAL_JS_BUDGET_BYTES = 110_000;

function attributes(tag) {
  const found = {};
  for (const match of tag.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
    found[match[1].toLowerCase()] = match[2] ?? match[3] ?? match[4];
  }
  return found;
}

/**
 * The same-origin JS URLs that index.html loads up front: scripts (the classic boot script and
 * module entries), the entry the boot script starts (`data-entry`), and modulepreloads.
 */
export function initialScriptUrls(indexHtml) {
  const urls = [];
  for (const [tag] of indexHtml.matchAll(/<script\b[^>]*>/gi)) {
    const attrs = attributes(tag);
    if (attrs.src) urls.push(attrs.src);
    if (attrs['data-entry']) urls.push(attrs['data-entry']);
  }
  for (const [tag] of indexHtml.matchAll(/<link\b[^>]*>/gi)) {
    const attrs = attributes(tag);
    if (attrs.href && attrs.rel?.split(/\s+/).includes('modulepreload')) urls.push(attrs.href);
  }
  return [...new Set(urls)].filter((url) => !/^([a-z]+:)?\/\//i.test(url));
}

/** Sizes of the initial JS of a build in `distDir`: each file's bytes and gzip bytes, and the total. */
export function measureInitialJs(distDir) {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = initialScriptUrls(html).map((url) => {
    const source = readFileSync(join(distDir, url.replace(/^\.?\//, '').split(/[?#]/)[0]));
    return { url, bytes: source.length, gzipBytes: gzipSync(source, { level: 9 }).length };
  });
  if (files.length === 0) throw new Error(`${join(distDir, 'index.html')} loads no module script.`);
  const gzipBytes = files.reduce((sum, file) => sum + file.gzipBytes, 0);
  return { files, gzipBytes, budgetBytes: INITIAL_JS_BUDGET_BYTES, withinBudget: gzipBytes <= INITIAL_JS_BUDGET_BYTES };
}

/** "93.4 kB" */
export function formatKb(bytes) {
  return `${(bytes / 1000).toFixed(1)} kB`;
}
