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

/** Its options for Node, before the script. */
export const FEED_NODE_FLAGS: readonly string[] = FEED_COMMAND_ARGS.slice(
  0,
  FEED_COMMAND_ARGS.findIndex((arg) => !arg.startsWith('-')),
);
