// @vitest-environment node
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildReport } from '../../src/builder/build-feed';
import { ArticleDetailSchema, ManifestSchema } from '../../src/feed/schema';
import { feedPaths } from '../../src/feed/urls';
import { FEED_COMMAND_ARGS, FEED_COMMAND_ENV, FEED_NODE_FLAGS, feedCommandEnv } from '../support/feed-command';
import { startWatchingBuilder } from '../support/watching-builder';
import { AI_DIR, badFilesCorpus, oldCopyOf, readFeedFile, REPO_DIR, tempDir } from './helpers';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run the CLI as `npm run feed` does; a build gets a cache folder of its own unless the test
 * names one, so that no run leaves its cache in the project's node_modules/.cache.
 */
async function runCli(args: string[]): Promise<Run> {
  const cache = args.includes('--cache') || args.includes('--no-cache') ? [] : ['--cache', tempDir()];
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [...FEED_COMMAND_ARGS, ...args, ...cache], {
      cwd: REPO_DIR,
      env: feedCommandEnv(),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('feed CLI', () => {
  // Made before the tests, not as they are collected: a run that filters them all out makes nothing.
  let badContent = '';
  beforeAll(() => {
    badContent = badFilesCorpus(path.join(tempDir(), 'content'));
  });

  it('runs as `npm run feed` starts it: its variables, Node options and launcher, one garbage collection exposed', async () => {
    // What these tests and the benchmark take from package.json must be what npm runs.
    expect(FEED_COMMAND_ENV).toEqual({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1:glibc.malloc.top_pad=536870912' });
    expect(FEED_NODE_FLAGS).toContain('--expose-gc');
    expect(FEED_COMMAND_ARGS[FEED_NODE_FLAGS.length]).toBe('src/builder/feed.mjs');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [...FEED_NODE_FLAGS, '-p', '[process.env.GLIBC_TUNABLES, typeof gc].join(" ")'],
      { env: feedCommandEnv() },
    );
    expect(stdout.trim()).toBe('glibc.malloc.hugetlb=1:glibc.malloc.top_pad=536870912 function');
  });

  it('patches its last feed through its cache, or keeps no cache with --no-cache', async () => {
    const cache = tempDir();
    const out = path.join(tempDir(), 'feed');
    let stdout = '';
    const report = async (args: string[]) => {
      const run = await runCli(['--content', AI_DIR, '--out', out, ...args]);
      expect(run.code).toBe(0);
      stdout = run.stdout;
      return JSON.parse(readFileSync(path.join(out, feedPaths.buildReport()), 'utf8')) as BuildReport;
    };
    expect((await report(['--cache', cache])).output?.patched).toBe(false);
    const again = await report(['--cache', cache]);
    expect(again.output?.patched).toBe(true);
    expect(stdout).toContain(
      `; ${again.counts.files} of ${again.counts.files} article files unchanged, not read again\n`,
    );
    expect(again.cache?.dir.startsWith(cache)).toBe(true);
    expect((await report(['--no-cache'])).cache).toBeNull();
  });

  it('builds, prints the summary and each problem as path: field: reason, exits 0', async () => {
    const out = path.join(tempDir(), 'feed');
    const run = await runCli(['--content', AI_DIR, '--content', badContent, '--out', out, '--title', 'AI news']);
    expect(run.code).toBe(0);
    // The summary, then what it wrote.
    const summary = /^(\d+) articles, 13 skipped, 0 duplicates, (\d+) unpublished\nwrote \d+ feed files.*\n$/.exec(
      run.stdout,
    );
    expect(summary).not.toBeNull();
    // 30 ai/ articles and 4 usable hand-made ones, each either written or unpublished.
    expect(Number(summary![1]) + Number(summary![2])).toBe(34);
    expect(run.stderr).toContain(`${path.join(badContent, 'missing-title.md')}: title: missing title\n`);
    expect(run.stderr).toContain(`${path.join(badContent, 'broken-yaml.md')}: front matter: broken YAML at line 6:`);
    expect(run.stderr).toContain(
      `${path.join(badContent, 'fixable.md')}: type: warning: unknown type "podcast", using article\n`,
    );
    expect(readFeedFile(out, feedPaths.manifest(), ManifestSchema).title).toBe('AI news');
  });

  it('exits 1 with --strict when a file was skipped, and writes nothing', async () => {
    const out = path.join(tempDir(), 'feed');
    const run = await runCli(['--content', badContent, '--out', out, '--strict']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('strict: 13 file(s) skipped, nothing written');
    expect(existsSync(out)).toBe(false);
    expect((await runCli(['--content', AI_DIR, '--out', out, '--strict'])).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(out, feedPaths.buildReport()), 'utf8')).ok).toBe(true);
  });

  // `script` gives the CLI a terminal, where it shows progress on one rewritten line.
  it.skipIf(!existsSync('/usr/bin/script'))('shows progress on a terminal', async () => {
    const out = path.join(tempDir(), 'feed');
    const args = ['--content', AI_DIR, '--out', out, '--cache', tempDir()];
    const command = [process.execPath, ...FEED_COMMAND_ARGS, ...args].join(' ');
    const { stdout } = await promisify(execFile)('/usr/bin/script', ['-qec', command, '/dev/null'], {
      cwd: REPO_DIR,
      env: feedCommandEnv(),
    });
    // Each redraw returns to the line start and clears it.
    const redraws = stdout.split('\r\u001b[K');
    expect(redraws.some((line) => /^read \d+\/30$/.test(line))).toBe(true);
    expect(redraws.some((line) => /^write \d+\/\d+$/.test(line))).toBe(true);
    expect(redraws.at(-1)).toMatch(/^\d+ articles, 0 skipped/);
  });

  it('with --watch, rebuilds as articles are edited, added and removed, until stopped', async () => {
    const content = oldCopyOf(AI_DIR);
    const out = path.join(tempDir(), 'feed');
    const builder = startWatchingBuilder(['--content', content, '--out', out, '--cache', tempDir()]);
    const { printed } = builder;
    const detail = (slug: string) => readFeedFile(out, feedPaths.article(slug), ArticleDetailSchema).article;
    const report = () => JSON.parse(readFileSync(path.join(out, feedPaths.buildReport()), 'utf8')) as BuildReport;
    try {
      await printed(/^watching .* for changes/, 1);
      const text = (name: string) => readFileSync(path.join(content, name), 'utf8');
      const [edited, copied] = readdirSync(content)
        .filter((name) => name.endsWith('.md') && /^published: true$/m.test(text(name)))
        .sort();
      const slugOf = (name: string) => path.basename(name, '.md');

      writeFileSync(path.join(content, edited!), text(edited!).replace(/^title: .*$/m, 'title: "Watched and rebuilt"'));
      await printed(/^rebuilt in \d+ ms/, 1);
      expect(report().output?.patched).toBe(true);
      expect(detail(slugOf(edited!)).title).toBe('Watched and rebuilt');

      const url = 'https://example.com/watched-copy';
      const copy = text(copied!)
        .replace(/^originalUrl: .*$/m, `originalUrl: "${url}"`)
        .replace(/^webUrl: .*$/m, `webUrl: "${url}"`);
      writeFileSync(path.join(content, 'watched-copy.md'), copy);
      await printed(/^rebuilt in \d+ ms/, 2);
      expect(detail('watched-copy').originalUrl).toBe(url);

      rmSync(path.join(content, 'watched-copy.md'));
      await printed(/^rebuilt in \d+ ms/, 3);
      expect(existsSync(path.join(out, feedPaths.article('watched-copy')))).toBe(false);
      expect(report().counts.files).toBe(readdirSync(content).filter((name) => name.endsWith('.md')).length);
    } catch (error) {
      await builder.stop();
      throw error;
    }
    expect(await builder.stop()).toBe(0);
  }, 60_000);

  it.each([
    [['--out', 'x']],
    [['--content', AI_DIR]],
    [['--content', AI_DIR, '--out', 'x', '--no-such-option']],
    [['--content', '/no/such/folder', '--out', 'x']],
    [['--content', AI_DIR, '--out', 'x', '--site-url', 'ftp://example.com']],
  ])('exits 2 on usage errors: %j', async (args) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: npm run feed');
  });
});
