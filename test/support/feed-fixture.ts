/**
 * A real feed for route tests: built once per test file from the corpus samples in content/,
 * served to the app through a stubbed global `fetch` under `/feed/`, like the static host would.
 *
 * Call `setupFeedFixture()` at the top level of a test file, then use the returned object in tests:
 * `read` parses a built file with its schema (derive expected values from it), `failPath`,
 * `hangPath`, `truncatePath` and `versionPath` make one feed path misbehave, `serveBuild` swaps
 * in another build (see `buildFeedVariant`), `requests` lists the feed paths the app fetched.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as v from 'valibot';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { buildFeed } from '../../src/builder/build-feed';

const CONTENT_DIR = path.resolve(import.meta.dirname, '../../content');
const FEED_PREFIX = '/feed/';
const BUILD_TIMEOUT_MS = 120_000;

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
};

type Fault =
  | { kind: 'fail'; status: number }
  | { kind: 'hang'; release: Promise<void> }
  | { kind: 'truncate' }
  | { kind: 'version'; version: number };

export interface FeedFixture {
  /** The folder the feed was built into. */
  readonly dir: string;
  /** Feed-relative paths (e.g. `lists/all/1.json`) the app fetched in this test, in order. */
  readonly requests: readonly string[];
  /** Read and validate one built feed file, e.g. `read(feedPaths.manifest(), ManifestSchema)`. */
  read<TSchema extends v.GenericSchema>(feedPath: string, schema: TSchema): Promise<v.InferOutput<TSchema>>;
  /** Answer `feedPath` with an HTTP error until `restorePath` (or the end of the test). */
  failPath(feedPath: string, status?: number): void;
  /** Leave requests for `feedPath` pending; the returned function lets them (and later ones) through. */
  hangPath(feedPath: string): () => void;
  /** Answer `feedPath` with the first half of its body, as a cut-off download would. */
  truncatePath(feedPath: string): void;
  /** Answer `feedPath` with its body claiming another `schemaVersion` (a newer builder's file). */
  versionPath(feedPath: string, version?: number): void;
  /** Serve `feedPath` normally again. */
  restorePath(feedPath: string): void;
  /** From now on (until the end of the test) serve the feed built in `dir`, e.g. a newer build. */
  serveBuild(dir: string): void;
}

/** A second built feed, for a test that swaps builds mid-session. */
export interface FeedVariant {
  /** The folder the variant was built into; pass it to `serveBuild`. */
  readonly dir: string;
  /** Read and validate one of its files, like `FeedFixture.read`. */
  read: FeedFixture['read'];
  remove(): Promise<void>;
}

/**
 * Build another feed from the corpus plus `extraArticles` (file name → Markdown with front matter):
 * a different build with its own buildId. Call in `beforeAll` and `remove` it in `afterAll`.
 */
export async function buildFeedVariant(extraArticles: Record<string, string>): Promise<FeedVariant> {
  const root = await mkdtemp(path.join(tmpdir(), 'newsstand-feed-variant-'));
  const extraDir = path.join(root, 'content');
  const dir = path.join(root, 'feed');
  await mkdir(extraDir);
  for (const [name, text] of Object.entries(extraArticles)) await writeFile(path.join(extraDir, name), text);
  await buildFeed({ contentDirs: [CONTENT_DIR, extraDir], outDir: dir, includeUnpublished: true });
  return {
    dir,
    read: (feedPath, schema) => readFeedFile(dir, feedPath, schema),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** Build the feed once for this test file and stub `fetch` around every test. */
export function setupFeedFixture(): FeedFixture {
  let dir = '';
  let servedDir = '';
  const faults = new Map<string, Fault>();
  const requests: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'newsstand-feed-'));
    await buildFeed({ contentDirs: [CONTENT_DIR], outDir: dir, includeUnpublished: true });
  }, BUILD_TIMEOUT_MS);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    servedDir = dir;
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
      serve(servedDir, faults, requests, input, init?.signal ?? undefined),
    );
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    faults.clear();
    requests.length = 0;
  });

  return {
    get dir() {
      return dir;
    },
    requests,
    read: (feedPath, schema) => readFeedFile(dir, feedPath, schema),
    failPath(feedPath, status = 500) {
      faults.set(feedPath, { kind: 'fail', status });
    },
    hangPath(feedPath) {
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      faults.set(feedPath, { kind: 'hang', release: released });
      return () => {
        faults.delete(feedPath);
        release();
      };
    },
    truncatePath(feedPath) {
      faults.set(feedPath, { kind: 'truncate' });
    },
    versionPath(feedPath, version = 99) {
      faults.set(feedPath, { kind: 'version', version });
    },
    restorePath(feedPath) {
      faults.delete(feedPath);
    },
    serveBuild(otherDir) {
      servedDir = otherDir;
    },
  };
}

async function readFeedFile<TSchema extends v.GenericSchema>(
  dir: string,
  feedPath: string,
  schema: TSchema,
): Promise<v.InferOutput<TSchema>> {
  return v.parse(schema, JSON.parse(await readFile(path.join(dir, feedPath), 'utf8')));
}

async function serve(
  dir: string,
  faults: Map<string, Fault>,
  requests: string[],
  input: RequestInfo | URL,
  signal: AbortSignal | undefined,
): Promise<Response> {
  const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const { pathname } = new URL(href, 'http://localhost/');
  if (!pathname.startsWith(FEED_PREFIX)) return new Response('Not found', { status: 404 });
  const feedPath = decodeURIComponent(pathname.slice(FEED_PREFIX.length));
  requests.push(feedPath);

  const fault = faults.get(feedPath);
  if (fault?.kind === 'fail') return new Response('Server error', { status: fault.status });
  if (fault?.kind === 'hang') await untilReleasedOrAborted(fault.release, signal);
  throwIfAborted(signal);

  const file = path.resolve(dir, feedPath);
  if (!file.startsWith(dir + path.sep)) return new Response('Not found', { status: 404 });
  try {
    const body = corrupt(await readFile(file), fault);
    throwIfAborted(signal);
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    return new Response(body, { status: 200, headers: { 'Content-Type': type } });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Response('Not found', { status: 404 });
    throw error;
  }
}

function corrupt(body: Buffer<ArrayBuffer>, fault: Fault | undefined): Buffer<ArrayBuffer> | string {
  if (fault?.kind === 'truncate') return Buffer.from(body.subarray(0, Math.floor(body.length / 2)));
  if (fault?.kind === 'version')
    return JSON.stringify({ ...JSON.parse(body.toString('utf8')), schemaVersion: fault.version });
  return body;
}

function untilReleasedOrAborted(release: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    release.then(resolve, reject);
    signal?.addEventListener('abort', () => reject(abortError()), { once: true });
  });
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

function abortError(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}
