// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleFor } from '../../src/builder/bundle-sources.mjs';
import { tempDir } from './helpers';

/** A two-module TypeScript program whose second module prints its own URL and a value. */
function program(value: number): { entry: string; part: string } {
  const dir = tempDir();
  const entry = path.join(dir, 'entry.ts');
  const part = path.join(dir, 'part.ts');
  writeFileSync(entry, "import { describe } from './part.ts';\nconsole.log(describe());\n");
  writeFileSync(part, partSource(value));
  return { entry, part };
}

function partSource(value: number): string {
  return `export function describe(): string {\n  return \`\${import.meta.url} ${value}\`;\n}\n`;
}

const run = (bundle: string) => execFileSync(process.execPath, [bundle], { encoding: 'utf8' }).trim();

describe('bundled sources (how npm run feed starts the builder)', () => {
  it('runs a bundle of the TypeScript sources, in which each module keeps its own URL', async () => {
    const { entry, part } = program(1);
    const bundle = await bundleFor(entry, tempDir());
    expect(run(bundle)).toBe(`${pathToFileURL(part).href} 1`);
  });

  it('bundles again only when a source changed', async () => {
    const { entry, part } = program(1);
    const cache = tempDir();
    const bundle = await bundleFor(entry, cache);
    const made = statSync(bundle).mtimeMs;
    const sources = readFileSync(path.join(cache, 'entry.sources.json'), 'utf8');

    expect(await bundleFor(entry, cache)).toBe(bundle);
    expect(statSync(bundle).mtimeMs).toBe(made);
    expect(readFileSync(path.join(cache, 'entry.sources.json'), 'utf8')).toBe(sources);

    writeFileSync(part, partSource(2));
    expect(run(await bundleFor(entry, cache))).toBe(`${pathToFileURL(part).href} 2`);
  });
});
