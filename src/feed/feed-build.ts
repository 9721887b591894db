/**
 * Detecting a feed published while someone reads. The whole-feed files (start file, manifest,
 * topic list) carry the `buildId` of the build that wrote them, so one whose build
 * differs from the cached start file's means the reader holds two builds at once. List pages
 * carry their list's `listVersion` instead (a rebuild leaves unchanged lists alone): a page whose
 * version differs from another page of its list, or for the all-articles list from the start
 * file's `allListVersion` (and for its page 1, whose `total` differs from the start file's
 * `articleCount`), means the same. (The search index, which names the all-articles list's order
 * too, is the search worker's: it starts afresh on each new build id.) Pure decisions here;
 * `watch-feed-builds.ts` acts on them.
 */

/** The `buildId` of a parsed feed file, or null for anything else (a missing term shard, say). */
export function buildIdOf(data: unknown): string | null {
  return stringField(data, 'buildId');
}

/** The `listVersion` of a parsed list page, or null for anything else. */
export function listVersionOf(data: unknown): string | null {
  return stringField(data, 'listVersion');
}

/** The start file's `allListVersion`, or null. */
export function allListVersionOf(data: unknown): string | null {
  return stringField(data, 'allListVersion');
}

/**
 * What page 1 of the all-articles list must match in the start file: the version of the list's
 * older pages and, as page 1 alone changes when articles join it, the article count.
 */
export function allListPageMark(page: unknown): string | null {
  return withTotal(listVersionOf(page), numberField(page, 'total'));
}

/** What a page of the start file's build carries: its `listVersion`, or for page 1 its `allListPageMark`. */
export function startPageMark(start: unknown, isFirst: boolean): string | null {
  return withTotal(allListVersionOf(start), isFirst ? numberField(start, 'articleCount') : null);
}

function withTotal(version: string | null, total: number | null): string | null {
  return version === null || total === null ? version : `${version}/${total}`;
}

function numberField(data: unknown, field: string): number | null {
  const value = fieldOf(data, field);
  return typeof value === 'number' ? value : null;
}

function stringField(data: unknown, field: string): string | null {
  const value = fieldOf(data, field);
  return typeof value === 'string' && value !== '' ? value : null;
}

function fieldOf(data: unknown, field: string): unknown {
  return typeof data === 'object' && data !== null && field in data
    ? (data as Record<string, unknown>)[field]
    : undefined;
}

/**
 * Whether a feed file just received calls for a refresh, and which mismatch that handles.
 * `expected` is what the reader holds (the start file's build, or a list's version), `received`
 * what the new file says. Returns the key of that pair to remember as handled, or null when
 * nothing is to be done: they agree, one is unknown, or this very mismatch was handled before
 * (a file cached by a CDN that stays older than the start file must not cause a refresh loop).
 */
export function feedRefreshFor(
  expected: string | null,
  received: string | null,
  handled: ReadonlySet<string>,
): string | null {
  if (expected === null || received === null || expected === received) return null;
  const pair = `${expected}→${received}`;
  return handled.has(pair) ? null : pair;
}
