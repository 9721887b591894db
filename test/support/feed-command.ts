/**
 * `npm run feed`'s command (package.json), taken apart: how a user runs the builder, so that the
 * CLI tests and the benchmark run it the same way. The command is `NAME=value … node <args>`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const packageJson = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
  scripts: { feed: string };
};

/** The command as package.json has it. */
export const FEED_COMMAND: string = packageJson.scripts.feed;

const words = FEED_COMMAND.split(' ');
const nodeAt = words.indexOf('node');

/** The variables the command sets for Node (e.g. glibc's tunables), as `execFile`'s `env` takes them. */
export const FEED_COMMAND_ENV: Readonly<Record<string, string>> = Object.fromEntries(
  words.slice(0, nodeAt).map((word) => [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]),
);

/** The command's arguments after `node`. */
export const FEED_COMMAND_ARGS: readonly string[] = words.slice(nodeAt + 1);

/** Its options for Node, before the script. */
export const FEED_NODE_FLAGS: readonly string[] = FEED_COMMAND_ARGS.slice(
  0,
  FEED_COMMAND_ARGS.findIndex((arg) => !arg.startsWith('-')),
);

/** The environment to start the command in: this process's, plus the command's variables. */
export const feedCommandEnv = (): NodeJS.ProcessEnv => ({ ...process.env, ...FEED_COMMAND_ENV });
