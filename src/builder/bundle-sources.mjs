/**
 * TypeScript sources bundled into one ES module with esbuild, kept in a cache folder and made
 * again only when one of the sources it was made from (or this file) changes: how the feed
 * launcher (feed.mjs) runs the CLI, and the benchmarks their build child, without tsx.
 *
 * Plain JavaScript, so that Node runs it without a loader. Packages stay outside the bundle and
 * resolve from the node_modules that holds the cache folder.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = fileURLToPath(import.meta.url);

/** Where the project's bundles are kept: inside its node_modules, so that their packages resolve. */
export const BUNDLE_DIR = path.resolve(path.dirname(HERE), '../../node_modules/.cache/newsstand');

/**
 * The path of `entry` bundled into `cacheDir` (`<name>.mjs`, beside `<name>.sources.json`: the
 * sources it was made from and a hash of their contents), made again first if one of them
 * changed. The folder must be where the entry's packages resolve from.
 */
export async function bundleFor(entry, cacheDir) {
  const name = path.basename(entry, path.extname(entry));
  const bundle = path.join(cacheDir, `${name}.mjs`);
  const sourcesFile = path.join(cacheDir, `${name}.sources.json`);
  const made = readMade(sourcesFile);
  if (made && made.hash === sourcesHash(made.sources)) return bundle;
  const { build } = await import('esbuild');
  const read = new Map();
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'error',
    plugins: [sourceUrls(read)],
  });
  const sources = Object.keys(result.metafile.inputs).map((input) => path.resolve(input));
  mkdirSync(cacheDir, { recursive: true });
  // The bundle first, then what it was made from: a process stopped between the two makes it again.
  saveWhole(bundle, result.outputFiles[0].contents);
  // Hashed as bundled: a source saved again while esbuild ran is seen as changed next time.
  saveWhole(sourcesFile, JSON.stringify({ sources, hash: sourcesHash(sources, read) }));
  return bundle;
}

/**
 * Each module's `import.meta.url` as its source file's URL, not the bundle's: the builder finds
 * its worker scripts and fingerprints its own sources from where they are. Each source's bytes
 * as read go into `read`, by path.
 */
function sourceUrls(read) {
  return {
    name: 'source-urls',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, ({ path: file }) => {
        const bytes = readFileSync(file);
        read.set(path.resolve(file), bytes);
        const url = JSON.stringify(pathToFileURL(file).href);
        return { contents: bytes.toString('utf8').replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}

function readMade(file) {
  try {
    const made = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(made.sources) && typeof made.hash === 'string' ? made : null;
  } catch {
    return null;
  }
}

/**
 * A hash of these files' contents (as in `read`, or as they are now) and of this file's own (it
 * says how they are bundled); null if one is gone.
 */
function sourcesHash(sources, read = new Map()) {
  const hash = createHash('sha256');
  try {
    for (const file of [HERE, ...sources]) {
      hash
        .update(file)
        .update('\0')
        .update(read.get(file) ?? readFileSync(file))
        .update('\0');
    }
  } catch {
    return null;
  }
  return hash.digest('hex');
}

function saveWhole(file, contents) {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, contents);
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}
