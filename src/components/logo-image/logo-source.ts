import { logoUrl } from '../../feed/urls';
import { isFeedRelativePath, isHttpUrl } from '../../utils/safe-url';

/** The URL to load for a logo from the feed, or null when it is missing or not safe to load. */
export function logoSource(baseUrl: string, logo: string | null): string | null {
  if (isHttpUrl(logo) || isFeedRelativePath(logo)) return logoUrl(baseUrl, logo);
  return null;
}

/** Up to two capital letters standing in for a missing logo: "Amazon Web Services" → "AW". */
export function initials(name: string): string {
  const words = name.match(/[\p{L}\p{N}]+/gu) ?? [];
  const letters = words.slice(0, 2).map((word) => Array.from(word)[0] ?? '');
  return letters.join('').toLocaleUpperCase() || '?';
}
