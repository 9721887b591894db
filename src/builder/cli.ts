/**
 * `npm run feed -- --content <dir> [--content <dir> ...] --out <dir> [--strict]
 *  [--include-unpublished] [--site-url <url>] [--title <text>] [--cache <dir> | --no-cache] [--no-patch]
 *  [--watch]`
 *
 * The build's cache (its state, a record of the files it wrote and the bytes of the article
 * files it read) lives in node_modules/.cache/newsstand unless --cache names another folder or
 * --no-cache is given. When articles were edited, added, removed or moved since, a rebuild
 * patches the last feed (see patch-build.ts) unless --no-patch is given; a full rebuild writes
 * only the files that changed.
 *
 * With --watch it keeps running: it builds, then rebuilds each time the content folders change
 * (see watch-content.ts), patching from the state it keeps in memory, until it is stopped.
 *
 * Prints the one-line summary on stdout and every problem as `path: field: reason` on stderr.
 * Exit code: 0; 1 with --strict when a file was skipped, or when the build failed; 2 on usage errors.
 */
import { parseArgs } from 'node:util';
import { buildFeed, BuildUsageError, type BuildFeedOptions, type BuildPhase } from './build-feed';
import { keepBuildStates } from './build-state';
import { ContentWatcher, type WatchedChanges } from './watch-content';
import { formatOutput, formatProblems } from './report';

/** Where build tools keep caches by convention (Babel, ESLint, Vite's deps): never deployed. */
const DEFAULT_CACHE_DIR = 'node_modules/.cache/newsstand';

const USAGE = `Usage: npm run feed -- --content <dir> [--content <dir> ...] --out <dir>
  [--strict] [--include-unpublished] [--site-url <url>] [--title <text>]
  [--cache <dir> | --no-cache]   (default cache: ${DEFAULT_CACHE_DIR})
  [--no-patch]                   (build in full even when articles were only edited, added, removed or moved)
  [--watch]                      (keep running: rebuild each time the content changes)`;

/** Redraws at most this often on a terminal. */
const PROGRESS_INTERVAL_MS = 100;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        content: { type: 'string', multiple: true },
        out: { type: 'string' },
        strict: { type: 'boolean', default: false },
        'include-unpublished': { type: 'boolean', default: false },
        'site-url': { type: 'string' },
        title: { type: 'string' },
        cache: { type: 'string' },
        'no-cache': { type: 'boolean', default: false },
        'no-patch': { type: 'boolean', default: false },
        watch: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.content?.length || !values.out) {
    process.stderr.write(`--content and --out are required\n${USAGE}\n`);
    return 2;
  }

  const progress = process.stderr.isTTY ? terminalProgress() : null;
  const options: BuildFeedOptions = {
    contentDirs: values.content,
    outDir: values.out,
    strict: values.strict,
    includeUnpublished: values['include-unpublished'],
    siteUrl: values['site-url'],
    title: values.title,
    cacheDir: values['no-cache'] ? undefined : (values.cache ?? DEFAULT_CACHE_DIR),
    patch: !values['no-patch'],
    onProgress: progress?.update,
  };
  return values.watch ? await watchAndRebuild(options, progress) : await buildAndReport(options, progress);
}

/**
 * Build, then rebuild each time the content changes, until Ctrl+C (or SIGTERM). A signal during
 * a build lets it finish, so that the feed and the cache are left whole; a second stops at once.
 */
async function watchAndRebuild(options: BuildFeedOptions, progress: Progress | null): Promise<number> {
  keepBuildStates();
  // Watched from before the first build: a file changed while it runs is rebuilt after it.
  const watcher = await ContentWatcher.start(
    options.contentDirs,
    [options.outDir, ...(options.cacheDir ? [options.cacheDir] : [])],
    {
      onBlind: (folder, error) =>
        process.stderr.write(
          `cannot watch ${folder} (${(error as Error).message}): its changes show only once something else ` +
            'changes, and each rebuild stats every file (on Linux, raise fs.inotify.max_user_watches)\n',
        ),
    },
  );
  let building = false;
  let stopping = false;
  const stop = () => {
    if (building && !stopping) {
      stopping = true;
      process.stderr.write('stopping once this build is done (again to stop now)\n');
      return;
    }
    watcher.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The first build knows of no changes; later ones, of those the watcher saw (null: some went unseen,
  // and every file is statted, as a build without a watcher does).
  let changes: WatchedChanges | undefined;
  for (let first = true; ; first = false) {
    const started = performance.now();
    building = true;
    const code = await buildAndReport({ ...options, changedPaths: changes ?? undefined }, progress);
    building = false;
    if (first && code === 2) {
      watcher.close();
      return code;
    }
    if (!first) process.stdout.write(`rebuilt in ${Math.round(performance.now() - started)} ms\n`);
    if (stopping) stop();
    process.stdout.write(`watching ${options.contentDirs.join(', ')} for changes (Ctrl+C to stop)\n`);
    // Changes made while a build runs are gathered for the next one.
    changes = await watcher.next();
  }
}

/** Build, print the report's problems and summary; the exit code it calls for. */
async function buildAndReport(options: BuildFeedOptions, progress: Progress | null): Promise<number> {
  try {
    const report = await buildFeed(options);
    progress?.clear();
    for (const line of formatProblems(report)) process.stderr.write(`${line}\n`);
    process.stdout.write(`${report.summary}\n`);
    const output = formatOutput(report);
    if (output) process.stdout.write(`${output}\n`);
    if (!report.ok) {
      process.stderr.write(`strict: ${report.counts.skipped} file(s) skipped, nothing written to ${options.outDir}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    progress?.clear();
    if (error instanceof BuildUsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`feed build failed, previous output left in place: ${(error as Error).stack ?? error}\n`);
    return 1;
  }
}

type Progress = ReturnType<typeof terminalProgress>;

/** One status line, rewritten in place with \r, throttled. */
function terminalProgress() {
  let last = 0;
  let lastPhase: BuildPhase | null = null;
  return {
    update(done: number, total: number, phase: BuildPhase) {
      const now = performance.now();
      if (phase === lastPhase && now - last < PROGRESS_INTERVAL_MS && done < total) return;
      last = now;
      lastPhase = phase;
      const count = total > 0 ? ` ${done}/${total}` : '';
      process.stderr.write(`\r\x1b[K${phase}${count}`);
    },
    clear() {
      process.stderr.write('\r\x1b[K');
    },
  };
}

process.exitCode = await main(process.argv.slice(2));
