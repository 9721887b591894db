/**
 * `npm run feed`: runs the builder's CLI (cli.ts) from one ES module that esbuild bundles from
 * its TypeScript sources, kept in node_modules/.cache/newsstand and made again only when one of
 * those sources (or this file) changes. Through tsx, whose loader hooks transform each module as
 * it loads, Node took ~0.5 s and ~14,000 page faults to reach the CLI; from the bundle ~0.1 s
 * and ~3,000 (a fault costs ~12 µs on the benchmark machine): as long again as the build itself
 * when a rebuild patches one edited article.
 *
 * Plain JavaScript, so that Node runs it without a loader. Packages stay outside the bundle and
 * resolve from the project's node_modules, which holds the bundle.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = fileURLToPath(import.meta.url);
const CLI = path.join(path.dirname(HERE), 'cli.ts');
const CACHE = path.resolve(path.dirname(HERE), '../../node_modules/.cache/newsstand');

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
    plugins: [sourceUrls],
  });
  const sources = Object.keys(result.metafile.inputs).map((input) => path.resolve(input));
  mkdirSync(cacheDir, { recursive: true });
  // The bundle first, then what it was made from: a launch stopped between the two makes it again.
  saveWhole(bundle, result.outputFiles[0].contents);
  saveWhole(sourcesFile, JSON.stringify({ sources, hash: sourcesHash(sources) }));
  return bundle;
}

/**
 * Each module's `import.meta.url` as its source file's URL, not the bundle's: the builder finds
 * its worker scripts and fingerprints its own sources from where they are.
 */
const sourceUrls = {
  name: 'source-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, ({ path: file }) => ({
      contents: readFileSync(file, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(file).href)),
      loader: 'ts',
    }));
  },
};

function readMade(file) {
  try {
    const made = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(made.sources) && typeof made.hash === 'string' ? made : null;
  } catch {
    return null;
  }
}

/** A hash of these files' contents and of this file's own (it says how they are bundled); null if one is gone. */
function sourcesHash(sources) {
  const hash = createHash('sha256');
  try {
    for (const file of [HERE, ...sources]) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
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

/** The CLI from its bundle; through tsx where no bundle can be made or kept (a read-only node_modules). */
async function runCli() {
  let bundle = null;
  try {
    bundle = await bundleFor(CLI, CACHE);
  } catch {
    const { register } = await import('tsx/esm/api');
    register();
  }
  await import(pathToFileURL(bundle ?? CLI).href);
}

if (process.argv[1] && path.resolve(process.argv[1]) === HERE) await runCli();
