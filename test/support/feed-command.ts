/**
 * `npm run feed`'s command (package.json) less its `node`: how a user runs the builder, so that
 * the CLI tests and the benchmark run it the same way.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const packageJson = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
  scripts: { feed: string };
};

export const FEED_COMMAND_ARGS: readonly string[] = packageJson.scripts.feed.split(' ').slice(1);
