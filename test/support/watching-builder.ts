/**
 * `npm run feed -- --watch` in a child process, started as a user starts it, for the CLI test
 * and the benchmark: wait for lines of what it prints, and stop it as Ctrl+C does.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { FEED_COMMAND_ARGS, feedCommandEnv } from './feed-command';

export interface WatchingBuilder {
  /** Once its output holds `count` lines that match `pattern`; rejected if it exits first. */
  printed(pattern: RegExp, count: number): Promise<void>;
  /** Ctrl+C, then its exit code. */
  stop(): Promise<number | null>;
}

/** Start the builder with `args` and --watch, in the project's folder. */
export function startWatchingBuilder(args: readonly string[]): WatchingBuilder {
  const child = spawn(process.execPath, [...FEED_COMMAND_ARGS, ...args, '--watch'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: feedCommandEnv(),
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let stdout = '';
  let exitCode: number | null | undefined;
  // The waits not yet over, each checked again as output comes or the child exits.
  const waits = new Set<() => void>();
  const checkAll = () => {
    for (const check of [...waits]) check();
  };
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    checkAll();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      exitCode = code;
      checkAll();
      resolve(code);
    }),
  );
  return {
    printed: (pattern, count) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if ((stdout.match(new RegExp(pattern, 'gm')) ?? []).length >= count) resolve();
          else if (exitCode !== undefined) reject(new Error(`the watching builder exited (${exitCode})`));
          else return;
          waits.delete(check);
        };
        waits.add(check);
        check();
      }),
    stop: () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}
