/**
 * Guards for URLs that come from the feed. Feed text is untrusted: only absolute http(s)
 * URLs may become links or image sources, and only plain relative paths may resolve under the feed.
 */

/** True for an absolute http: or https: URL that the browser parses; false for anything else. */
export function isHttpUrl(value: string | null | undefined): value is string {
  if (!value || !/^https?:\/\//i.test(value) || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** True for a plain path inside the feed folder, such as `logos/aws.amazon.com.jpg`. */
export function isFeedRelativePath(value: string | null | undefined): value is string {
  if (!value || !/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(value)) return false;
  return !value.split('/').some((segment) => segment === '' || segment === '.' || segment === '..');
}

/** The host a reader would recognise, for "on aws.amazon.com" notes: no `www.`; null if not http(s). */
export function displayHost(value: string | null | undefined): string | null {
  if (!isHttpUrl(value)) return null;
  return new URL(value).hostname.replace(/^www\./, '');
}
