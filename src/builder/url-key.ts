/**
 * URL checks and the normalized URL key that dedupe and related-link resolution compare.
 */
import { URL } from 'node:url';

// The same pattern as HttpUrlSchema in src/feed/schema.ts (a test keeps them in step); checked
// here without valibot because it runs several times per article.
const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

/** True for an absolute http(s) URL that the feed schema accepts and a browser can parse. */
export function isHttpUrl(value: unknown): value is string {
  return typeof value === 'string' && HTTP_URL.test(value) && URL.canParse(value);
}

/**
 * The value as a trimmed http(s) URL, or null. A URL that only a browser's parser accepts
 * (e.g. with raw spaces in its query) is returned the way that parser writes it.
 */
export function httpUrlOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (isHttpUrl(trimmed)) return trimmed;
  if (!/^https?:\/\//i.test(trimmed) || !URL.canParse(trimmed)) return null;
  const href = new URL(trimmed).href;
  return isHttpUrl(href) ? href : null;
}

/**
 * A key under which two spellings of one page compare equal: scheme ignored (http ≡ https),
 * host lower-cased without `www.`, no fragment, no `utm_*` parameters, no trailing slash.
 * Null when the value is not an http(s) URL.
 */
export function urlKey(value: string): string | null {
  if (!HTTP_URL.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
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
