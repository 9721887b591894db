/**
 * Finds the Chromium the browser tests and the web bench drive: Debian's package, never a
 * downloaded browser. Missing Chromium is an error, not a reason to skip.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import process from 'node:process';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';
export const INSTALL_COMMAND = 'sudo apt-get install -y chromium';

/** Flags for a quiet, offline, reproducible headless Chromium. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium to use (CHROMIUM_PATH, else /usr/bin/chromium), or null when there is none. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : null;
  return isExecutable(DEFAULT_CHROMIUM_PATH) ? DEFAULT_CHROMIUM_PATH : null;
}

/** Like findChromium, but throws a message that says how to install it. */
export function requireChromium() {
  const path = findChromium();
  if (path) return path;
  const where = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH}` : DEFAULT_CHROMIUM_PATH;
  throw new Error(`Chromium not found at ${where}. Install it with:\n\n  ${INSTALL_COMMAND}\n`);
}

/**
 * Finds Chromium, installing Debian's package first when this process may (root with apt-get).
 * Returns the path, or null after printing the command the user has to run.
 */
export function ensureChromium(log = (line) => process.stderr.write(`${line}\n`)) {
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROMIUM_PATH) {
    log(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file. Fix it, or unset it and run:`);
    log('');
    log(`  ${INSTALL_COMMAND}`);
    log('');
    return null;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    log('Chromium is missing; installing it: apt-get update && apt-get install -y chromium');
    const install = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (install.status === 0 && findChromium()) return findChromium();
    log('Installing Chromium failed.');
  }
  log(`The browser tests need Chromium at ${DEFAULT_CHROMIUM_PATH} (or set CHROMIUM_PATH). Install it with:`);
  log('');
  log(`  ${INSTALL_COMMAND}`);
  log('');
  return null;
}
