/**
 * `npm run feed`: runs the builder's CLI (cli.ts) from a bundle of its TypeScript sources (see
 * bundle-sources.mjs), kept in node_modules/.cache/newsstand. Through tsx, whose loader hooks
 * transform each module as it loads, Node took ~0.6 s and ~14,000 page faults to reach the CLI;
 * from the bundle ~0.25 s and ~4,000 (a fault costs ~12 µs on the benchmark machine): as long
 * again as the build itself when a rebuild patches one edited article.
 *
 * Where no bundle can be made or kept (a read-only node_modules), the CLI runs through tsx.
 *
 * The npm script starts Node with two settings for the build's memory:
 * - GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (ignored where the C library is not glibc): what malloc
 *   allocates (Buffers, shared memory) gets transparent huge pages where the kernel gives them on
 *   request (`madvise`, Debian's default). On the benchmark machine the first touch of each 4 KB
 *   page costs ~8–15 µs, and a rebuild reads a ~57 MB state into fresh memory: a new or removed
 *   article's one-shot rebuild took 1.13–1.35 s with it against 1.44–1.50 s without (three each,
 *   alternating). A full 100k build gains little: 16.96–17.85 s against 17.44–18.41 s.
 * - --expose-gc, for the one collection the full build asks for (collectGarbage in build-feed.ts).
 *   Huge pages cost memory: the malloc'd part of a 100k build's peak is sometimes ~130 MB larger
 *   (whole 2 MB pages kept), which took it to 804–1,063 MB without that collection, 758–932 MB
 *   with it (the limit is 1 GB; 798–866 MB with neither setting).
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
