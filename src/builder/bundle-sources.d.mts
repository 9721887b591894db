/** See bundle-sources.mjs. */
export function bundleFor(entry: string, cacheDir: string): Promise<string>;
export const BUNDLE_DIR: string;
