// @vitest-environment node
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileStatter, statFiles } from '../../src/builder/stat-files';
import { TextLines } from '../../src/builder/text-lines';
import { tempDir } from './helpers';

/** Files of 1 to `count` bytes (one of them a name that is not ASCII) and one that does not exist. */
function files(count: number): string[] {
  const dir = tempDir();
  const paths = Array.from({ length: count }, (_, i) => path.join(dir, i === 1 ? `é-${i}.md` : `${i}.md`));
  paths.forEach((file, i) => writeFileSync(file, 'x'.repeat(i + 1)));
  return [...paths, path.join(dir, 'gone.md')];
}

function expected(paths: readonly string[]) {
  return {
    sizes: Float64Array.from(paths, (file) => statSync(file, { throwIfNoEntry: false })?.size ?? -1),
    mtimes: Float64Array.from(paths, (file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1),
  };
}

const bytesOf = (paths: readonly string[]) => new TextEncoder().encode(paths.join('\n'));

/** The paths as the build state gives them: their bytes in a SharedArrayBuffer (here past other bytes), or not. */
function linesOf(paths: readonly string[], { inShared = true } = {}): TextLines {
  const bytes = bytesOf(paths);
  if (!inShared) return TextLines.fromBytes(bytes);
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.length + 10), 5, bytes.length);
  shared.set(bytes);
  return TextLines.fromBytes(shared);
}

describe('statting the files a rebuild checks', () => {
  it('gives each path its size and time, -1 for a missing file, inline and in workers alike', async () => {
    const paths = files(9);
    expect(await statFiles(paths)).toEqual(expected(paths));
    // As a rebuild's state keeps them: lines of UTF-8, statted without being decoded first.
    const lines = TextLines.fromBytes(new TextEncoder().encode(paths.join('\n')));
    expect(await statFiles(lines)).toEqual(expected(paths));
    expect(await new FileStatter(3).stat(paths)).toEqual(expected(paths));
  });

  it('takes the paths as the build state keeps them, UTF-8 bytes a path a line, in order', async () => {
    const paths = files(11);
    expect(await new FileStatter(2).stat(linesOf(paths, { inShared: false }))).toEqual(expected(paths));
    expect(await new FileStatter(4).stat(linesOf(paths))).toEqual(expected(paths));
  });

  it('takes a long list in chunks, shared by the workers and the asking thread, each path in its place', async () => {
    // 1,000 files a chunk: three chunks, then two exactly.
    for (const count of [2500, 1999]) {
      const paths = files(count);
      expect(await new FileStatter(1).stat(linesOf(paths))).toEqual(expected(paths));
    }
  });

  it('gives one result a path when there are more workers than paths, or none', async () => {
    const [one] = files(1);
    expect(await new FileStatter(3).stat(linesOf([one!]))).toEqual(expected([one!]));
    expect(await new FileStatter(3).stat([one!])).toEqual(expected([one!]));
    expect(await new FileStatter(2).stat(linesOf([]))).toEqual(expected([]));
    expect(await new FileStatter(2).stat([])).toEqual(expected([]));
  });
});
