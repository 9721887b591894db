/**
 * `tsx test/bench/bench-hugo.ts [--content <dir> | --size 10000] [--seed 1]`
 *
 * Hugo (the Debian package, 0.111) as a yardstick for the feed builder: a throwaway Hugo site
 * under .cache/bench-hugo/ reads the same article files and writes the equivalent of our list,
 * one JSON array of every published article newest first (slug, title, excerpt, date, provider,
 * topics) plus one such array per topic. Hugo writes nothing per article (its page kind is
 * listed but not rendered), so it does less than our builder, which also writes detail files,
 * provider lists, related articles, search shards and JSON Feeds.
 *
 * The site's contentDir is the corpus folder itself (absolute path: nothing is copied or
 * linked). Files Hugo must not read are named in ignoreFiles: the taxonomy folders, the logos,
 * and the article files our builder skips as broken (Hugo stops at the first broken front
 * matter), found by a js-yaml pass before the timed run. Hugo does not dedupe original URLs, so
 * it lists the corpus's ~0.1% duplicates too.
 *
 * Timed: `hugo --quiet` alone, wall time around the process and peak RSS from /usr/bin/time
 * (or, without it, the kernel's VmHWM polled from /proc). Without Hugo it prints the install
 * command and the comparison is skipped: this is a benchmark, not a test.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';
import { ensureCorpus, runOnce } from './bench-feed';

const HERE = fileURLToPath(import.meta.url);
export const HUGO_CACHE = path.resolve(path.dirname(HERE), '../../.cache/bench-hugo');
export const HUGO_INSTALL = 'sudo apt-get install -y hugo';

export interface HugoResult {
  wallMs: number;
  /** Peak resident memory of the hugo process, MB. */
  maxRssMb: number | null;
  /** Articles in Hugo's home list, and per-topic lists written. */
  listed: number;
  topicLists: number;
  /** Article files left out because they are broken (our builder skips them too). */
  ignored: number;
}

/** `hugo v0.111.3+extended ...`, or null when Hugo is not installed. */
export function hugoVersion(): string | null {
  try {
    return execFileSync('hugo', ['version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

const ITEM =
  '{{ dict "slug" .File.ContentBaseName "title" (.Title | htmlUnescape) ' +
  '"excerpt" (trim (.Params.excerpt | htmlUnescape) " \\n") "date" .Date ' +
  '"provider" .Params.provider.domain "topics" .Params.topics | jsonify }}';

/** Newest first, `published: false` left out as our builder does by default. */
const listTemplate = (pages: string) =>
  '{{- $first := true -}}\n' +
  `[{{ range ${pages}.ByDate.Reverse }}{{ if ne .Params.published false }}` +
  `{{ if not $first }},{{ end }}{{ $first = false }}${ITEM}{{ end }}{{ end }}]\n`;

function hugoConfig(content: string, ignored: string[]) {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    baseURL: 'http://localhost/',
    contentDir: content,
    // Only the home page and one page per topic term are written.
    disableKinds: ['section', 'taxonomy', 'RSS', 'sitemap', 'robotsTXT', '404'],
    ignoreErrors: ['error-disable-taxonomy'],
    ignoreFiles: [
      '/topics/',
      '/organizations/',
      '/logos/',
      ...ignored.map((rel) => `/${escape(rel.split(path.sep).join('/'))}$`),
    ],
    taxonomies: { topic: 'topics' },
    outputs: { home: ['JSON'], term: ['JSON'] },
    // Our date field; `published` (a boolean here) must not be read as Hugo's publishDate.
    frontmatter: { date: ['publishedDateTime'], publishDate: ['publishDate'], lastmod: ['lastmod'] },
    cascade: [{ _build: { render: 'never', list: 'always' }, _target: { kind: 'page' } }],
    timeout: '600s',
  };
}

/** Article files (relative to `content`) whose front matter is broken or has no title. */
function brokenFiles(content: string): string[] {
  const broken: string[] = [];
  for (const entry of readdirSync(content, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.md') || entry.startsWith(`organizations${path.sep}`)) continue;
    const text = readFileSync(path.join(content, entry), 'utf8');
    const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    let ok = false;
    try {
      const data = match ? yaml.load(match[1]!) : null;
      ok = typeof (data as { title?: unknown } | null)?.title === 'string';
    } catch {
      ok = false;
    }
    if (!ok) broken.push(entry);
  }
  return broken.sort();
}

/** brokenFiles(), cached beside the site when the corpus has make-corpus's marker file. */
function cachedBrokenFiles(content: string, site: string): string[] {
  const marker = `${content}.json`;
  const key = existsSync(marker) ? readFileSync(marker, 'utf8') : null;
  const cache = path.join(site, 'broken-files.json');
  if (key && existsSync(cache)) {
    const cached = JSON.parse(readFileSync(cache, 'utf8')) as { key: string; files: string[] };
    if (cached.key === key) return cached.files;
  }
  const files = brokenFiles(content);
  if (key) writeFileSync(cache, JSON.stringify({ key, files }));
  return files;
}

/** Writes the throwaway site for `content` (untimed) and returns its folder. */
export function prepareHugoSite(content: string): { site: string; ignored: number } {
  const abs = path.resolve(content);
  const site = path.join(HUGO_CACHE, `site-${path.basename(abs)}`);
  mkdirSync(path.join(site, 'layouts', '_default'), { recursive: true });
  const ignored = cachedBrokenFiles(abs, site);
  writeFileSync(path.join(site, 'config.json'), JSON.stringify(hugoConfig(abs, ignored), null, 2));
  writeFileSync(path.join(site, 'layouts', 'index.json'), listTemplate('.Site.RegularPages'));
  writeFileSync(path.join(site, 'layouts', '_default', 'term.json'), listTemplate('.Pages'));
  for (const name of ['public', 'resources']) rmSync(path.join(site, name), { recursive: true, force: true });
  return { site, ignored: ignored.length };
}

/** Runs `command`, returning its wall time and peak RSS (MB, null when unmeasurable). */
async function measure(command: string, args: string[]): Promise<{ wallMs: number; maxRssMb: number | null }> {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const timeOut = path.join(HUGO_CACHE, 'time.txt');
  const [file, argv] = timeBin ? [timeBin, ['-o', timeOut, '-f', '%M', command, ...args]] : [command, args];
  const start = performance.now();
  const proc = spawn(file, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Fallback: the kernel's high-water mark, read until the process exits.
  let hwmKb = 0;
  const poll = timeBin
    ? null
    : setInterval(() => {
        try {
          const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
          if (kb) hwmKb = Math.max(hwmKb, Number(kb[1]));
        } catch {
          // exited
        }
      }, 20);
  const code = await new Promise<number | null>((resolve, reject) => {
    proc.on('error', reject);
    proc.on('close', resolve);
  });
  const wallMs = performance.now() - start;
  if (poll) clearInterval(poll);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr.slice(-2000)}`);
  const kb = timeBin ? Number.parseInt(readFileSync(timeOut, 'utf8').trim().split('\n').pop()!, 10) : hwmKb;
  return { wallMs, maxRssMb: kb > 0 ? kb / 1024 : null };
}

/** Builds the Hugo equivalent of our list for `content`; null (after saying why) without Hugo. */
export async function runHugo(content: string): Promise<HugoResult | null> {
  if (!hugoVersion()) {
    process.stderr.write(`hugo not found: install it with \`${HUGO_INSTALL}\` to compare (column skipped)\n`);
    return null;
  }
  const { site, ignored } = prepareHugoSite(content);
  const { wallMs, maxRssMb } = await measure('hugo', ['--quiet', '--source', site]);
  const listed = (JSON.parse(readFileSync(path.join(site, 'public', 'index.json'), 'utf8')) as unknown[]).length;
  const topicsDir = path.join(site, 'public', 'topics');
  const topicLists = existsSync(topicsDir) ? readdirSync(topicsDir).length : 0;
  return { wallMs, maxRssMb, listed, topicLists, ignored };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      content: { type: 'string' },
      size: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
    },
  });
  const content = values.content
    ? path.resolve(values.content)
    : await ensureCorpus(Number.parseInt(values.size, 10), Number(values.seed));
  const out = path.join(HUGO_CACHE, `out-${path.basename(content)}`);
  rmSync(out, { recursive: true, force: true });
  const ours = await runOnce(content, out);
  rmSync(out, { recursive: true, force: true });
  process.stdout.write(`${hugoVersion() ?? 'hugo: not installed'}\n`);
  process.stdout.write(
    `ours: ${(ours.buildMs / 1000).toFixed(2)} s, ${Math.round(ours.maxRssMb)} MB, ${ours.articles} articles\n`,
  );
  const hugo = await runHugo(content);
  if (!hugo) return;
  const mb = hugo.maxRssMb === null ? '?' : Math.round(hugo.maxRssMb);
  process.stdout.write(
    `hugo: ${(hugo.wallMs / 1000).toFixed(2)} s, ${mb} MB, ${hugo.listed} articles, ${hugo.topicLists} topic lists` +
      ` (${hugo.ignored} broken files ignored)\n` +
      `ratio: Hugo takes ${(hugo.wallMs / ours.processMs).toFixed(1)}x our builder's process time (${(ours.processMs / 1000).toFixed(2)} s with Node start-up)\n`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === HERE) await main();
