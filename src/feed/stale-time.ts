/**
 * The feed is static: a fetched file stays fresh until the reader is reloaded. A module of its
 * own so the app's QueryClient can use it without loading the fetching code.
 */
export const FEED_STALE_TIME = Infinity;
