/**
 * `npm run feed`: runs the builder's CLI (cli.ts) from a bundle of its TypeScript sources (see
 * bundle-sources.mjs), kept in node_modules/.cache/newsstand. Through tsx, whose loader hooks
 * transform each module as it loads, Node took ~0.6 s and ~14,000 page faults to reach the CLI;
 * from the bundle ~0.25 s and ~4,000 (a fault costs ~12 µs on the benchmark machine): as long
 * again as the build itself when a rebuild patches one edited article.
 *
 * Where no bundle can be made or kept (a read-only node_modules), the CLI runs through tsx.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLE_DIR, bundleFor } from './bundle-sources.mjs';

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cli.ts');

let bundle = null;
try {
  bundle = await bundleFor(CLI, BUNDLE_DIR);
} catch {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(pathToFileURL(bundle ?? CLI).href);
