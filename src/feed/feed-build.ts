/**
 * Detecting a feed published while someone reads: every feed file carries the `buildId` of the
 * build that wrote it, so a file whose build differs from the cached start file's means the reader
 * holds two builds at once. Pure decisions here; `watch-feed-builds.ts` acts on them.
 */

/** The `buildId` of a parsed feed file, or null for anything else (a missing term shard, say). */
export function buildIdOf(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || !('buildId' in data)) return null;
  const { buildId } = data;
  return typeof buildId === 'string' && buildId !== '' ? buildId : null;
}

/**
 * Whether a feed file just received calls for a refresh, and which mismatch that handles.
 * Returns the key of the (start build, file build) pair to remember as handled, or null when
 * nothing is to be done: builds agree, one is unknown, or this very mismatch was handled before
 * (a file cached by a CDN that stays older than the start file must not cause a refresh loop).
 */
export function feedRefreshFor(
  startBuildId: string | null,
  fileBuildId: string | null,
  handled: ReadonlySet<string>,
): string | null {
  if (startBuildId === null || fileBuildId === null || startBuildId === fileBuildId) return null;
  const pair = `${startBuildId}→${fileBuildId}`;
  return handled.has(pair) ? null : pair;
}
