/**
 * URL checks and the normalized URL key that dedupe and related-link resolution compare.
 */
import { URL } from 'node:url';

// The same pattern as HttpUrlSchema in src/feed/schema.ts (a test keeps them in step); checked
// here without valibot because it runs several times per article.
const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

/**
 * An http(s) URL in its plainest spelling: lower-case scheme and host, the host's labels of
 * letters, digits and hyphens, the last starting with a letter (so never an IPv4 address), no
 * port, query or fragment, and a path of unreserved characters only. The URL parser reads such a
 * URL as written, its path as its pathname, so it is checked and keyed without one (a URL object
 * costs more than the rest of a key, and an article has several URLs). Punycode labels (which
 * the parser validates) and `.` or `..` path segments (which it resolves) are left to the parser.
 */
const PLAIN_URL = /^https?:\/\/(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*(?:\/[A-Za-z0-9._~-]*)*$/;
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;

function isPlainHttpUrl(value: string): boolean {
  return PLAIN_URL.test(value) && !value.includes('xn--') && !DOT_SEGMENT.test(value);
}

/** True for an absolute http(s) URL that the feed schema accepts and a browser can parse. */
export function isHttpUrl(value: unknown): value is string {
  return typeof value === 'string' && HTTP_URL.test(value) && (isPlainHttpUrl(value) || parsedUrl(value) !== null);
}

/**
 * The value as the URL parser reads it, or null. Not URL.canParse to ask first: in Node 20 it
 * rejects a host with Latin-1 letters (`https://exämple.com/`) that `new URL` reads, and once
 * optimized it can answer otherwise for the same text, so a build's answer would depend on
 * what it parsed first.
 */
function parsedUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * The value as a trimmed http(s) URL, or null. A URL that only a browser's parser accepts
 * (e.g. with raw spaces in its query) is returned the way that parser writes it.
 */
export function httpUrlOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (isHttpUrl(trimmed)) return trimmed;
  const url = /^https?:\/\//i.test(trimmed) ? parsedUrl(trimmed) : null;
  return url && isHttpUrl(url.href) ? url.href : null;
}

/**
 * A key under which two spellings of one page compare equal: scheme ignored (http ≡ https),
 * host lower-cased without `www.`, no fragment, no `utm_*` parameters, no trailing slash.
 * Null when the value is not an http(s) URL.
 */
export function urlKey(value: string): string | null {
  if (isPlainHttpUrl(value)) {
    const hostStart = value.indexOf('//') + 2;
    const pathStart = value.indexOf('/', hostStart);
    const host = pathStart === -1 ? value.slice(hostStart) : value.slice(hostStart, pathStart);
    const path = pathStart === -1 ? '' : value.slice(pathStart).replace(/\/+$/, '');
    return host.replace(/^www\./, '') + path;
  }
  const url = HTTP_URL.test(value) ? parsedUrl(value) : null;
  if (!url) return null;
  const host = url.host.replace(/^www\./, '');
  const path = url.pathname.replace(/\/+$/, '');
  if (!url.search) return host + path;
  const params = [...url.searchParams].filter(([name]) => !name.toLowerCase().startsWith('utm_'));
  return params.length > 0 ? `${host}${path}?${new URLSearchParams(params).toString()}` : host + path;
}

/** The host of an http(s) URL, lower-case and without `www.`; null otherwise. */
export function hostOf(value: string): string | null {
  if (!isHttpUrl(value)) return null;
  return new URL(value).hostname.replace(/^www\./, '') || null;
}
