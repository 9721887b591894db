/**
 * `npm run feed`: runs the builder's CLI (cli.ts) from a bundle of its TypeScript sources (see
 * bundle-sources.mjs), kept in node_modules/.cache/newsstand. Through tsx, whose loader hooks
 * transform each module as it loads, Node took ~0.6 s and ~14,000 page faults to reach the CLI;
 * from the bundle ~0.25 s and ~4,000 (a fault costs ~12 µs on the benchmark machine): as long
 * again as the build itself when a rebuild patches one edited article.
 *
 * Where no bundle can be made or kept (a read-only node_modules), the CLI runs through tsx.
 *
 * The npm script starts Node with settings for the build's memory:
 * - GLIBC_TUNABLES (ignored where the C library is not glibc). `glibc.malloc.hugetlb=1`: what
 *   malloc allocates (Buffers, shared memory) gets transparent huge pages where the kernel gives
 *   them on request (`madvise`, Debian's default). On the benchmark machine the first touch of each
 *   4 KB page costs ~8–15 µs, and a rebuild reads a ~57 MB state into fresh memory: a new or
 *   removed article's one-shot rebuild took 1.13–1.35 s with it against 1.44–1.50 s without (three
 *   each, alternating). `glibc.malloc.top_pad=536870912`: the main heap reserves 512 MB of address
 *   space above what it uses (touched only as it is used). Without it, in about one build in three
 *   V8 reserved a code range right above the heap early on, the heap could not grow (`brk` failed
 *   160 times in one such build), malloc went on in separate mappings that it never gives back
 *   piecemeal, and with huge pages the build's peak was ~130–150 MB higher (900–1,063 MB).
 * - --expose-gc, for the one collection the full build asks for (collectGarbage in build-feed.ts).
 * With all three, cache-filling 100k builds peaked at 776–807 MiB (on tmpfs, five builds), against
 * ~800–850 MiB with none of them; a full build's time is about the same.
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
