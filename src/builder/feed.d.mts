/** See feed.mjs. */
export function bundleFor(entry: string, cacheDir: string): Promise<string>;
