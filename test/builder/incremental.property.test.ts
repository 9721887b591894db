// @vitest-environment node
/**
 * Incremental builds against builds from scratch, under random edits: whatever files are
 * retitled, redated, retopiced, published, broken, added or removed, a build through the cache
 * into the previous output gives exactly the files of a build from scratch (list versions,
 * unchanged pages kept, vanished files removed included).
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFeed } from '../../src/builder/build-feed';
import { AI_DIR, readerFiles, tempDir } from './helpers';

type Edit =
  | { kind: 'retitle'; file: number; title: string }
  | { kind: 'redate'; file: number; day: number }
  | { kind: 'add-topic'; file: number; topic: string }
  | { kind: 'publish'; file: number }
  | { kind: 'break'; file: number }
  | { kind: 'copy'; file: number; id: number }
  | { kind: 'remove'; file: number };

const file = fc.nat({ max: 40 });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('retitle' as const), file, title: fc.constantFrom('Edited', 'Power AI', 'Robots') }),
  fc.record({ kind: fc.constant('redate' as const), file, day: fc.integer({ min: 1, max: 28 }) }),
  fc.record({ kind: fc.constant('add-topic' as const), file, topic: fc.constantFrom('Robotics', 'AI', 'Cloud') }),
  fc.record({ kind: fc.constant('publish' as const), file }),
  fc.record({ kind: fc.constant('break' as const), file }),
  fc.record({ kind: fc.constant('copy' as const), file, id: fc.nat({ max: 5 }) }),
  fc.record({ kind: fc.constant('remove' as const), file }),
);

/** Apply one edit to the content folder (a file index wraps around the files there now). */
function apply(dir: string, change: Edit): void {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort();
  if (files.length === 0) return;
  const name = files[change.file % files.length]!;
  const target = path.join(dir, name);
  const text = readFileSync(target, 'utf8');
  switch (change.kind) {
    case 'retitle':
      return writeFileSync(target, text.replace(/^title: .*$/m, `title: "${change.title} ${name.length}"`));
    case 'redate':
      return writeFileSync(
        target,
        text.replace(
          /^publishedDateTime: .*$/m,
          `publishedDateTime: 2023-10-${String(change.day).padStart(2, '0')}T08:00:00Z`,
        ),
      );
    case 'add-topic':
      return writeFileSync(target, text.replace(/^topics:\n/m, `topics:\n  - ${change.topic}\n`));
    case 'publish':
      return writeFileSync(target, text.replace(/^published: false\n/m, ''));
    case 'break':
      return writeFileSync(target, text.replace(/^title: .*$/m, 'title: [unclosed'));
    case 'copy': {
      const url = `https://example.com/copy-${change.id}-${name.length}`;
      const copy = text
        .replace(/^originalUrl: .*$/m, `originalUrl: "${url}"`)
        .replace(/^webUrl: .*$/m, `webUrl: "${url}"`);
      return writeFileSync(path.join(dir, `copy-${change.id}-${name}`), copy);
    }
    case 'remove':
      return rmSync(target);
  }
}

describe('incremental builds', () => {
  it('give the files of a build from scratch after any edits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
        async (steps) => {
          const root = tempDir('newsstand-incremental-');
          const content = path.join(root, 'content');
          cpSync(AI_DIR, content, { recursive: true });
          const options = { contentDirs: [content], includeUnpublished: true };
          const out = path.join(root, 'out');
          const cacheDir = path.join(root, 'cache');
          await buildFeed({ ...options, outDir: out, cacheDir });
          for (const [i, edits] of steps.entries()) {
            for (const change of edits) apply(content, change);
            const report = await buildFeed({ ...options, outDir: out, cacheDir });
            expect(report.output?.incremental).toBe(true);
            const scratch = path.join(root, `scratch-${i}`);
            await buildFeed({ ...options, outDir: scratch });
            expect(readerFiles(out)).toEqual(readerFiles(scratch));
          }
          rmSync(root, { recursive: true, force: true });
        },
      ),
      { numRuns: 8 },
    );
  }, 120_000);
});
