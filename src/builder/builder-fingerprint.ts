/**
 * A hash of the builder's and the feed contract's source: what a cache keyed by inputs alone
 * would miss. Any change to the code that makes results or files invalidates what was saved.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

export function builderFingerprint(): string {
  if (cached) return cached;
  const hash = createHash('sha256');
  // Resolved here, not at load: the worker bundle (CommonJS) imports modules that import this.
  const builderDir = path.dirname(fileURLToPath(import.meta.url));
  for (const dir of [builderDir, path.join(builderDir, '../feed')]) {
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.ts') && !name.endsWith('.test.ts'))
        hash.update(name).update(readFileSync(path.join(dir, name)));
    }
  }
  return (cached = hash.digest('hex').slice(0, 16));
}
