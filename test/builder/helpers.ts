/**
 * Shared helpers for the builder tests: where the sample content and fixtures are, temporary
 * folders, and reading a built feed file through its schema.
 */
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as v from 'valibot';
import { afterAll } from 'vitest';

export const REPO_DIR = path.resolve(import.meta.dirname, '../..');
/** The embedded copy of the real corpus (see ../shared/corpus/README.md). */
export const CONTENT_DIR = path.join(REPO_DIR, 'content');
export const AI_DIR = path.join(CONTENT_DIR, 'ai');
export const POWERAPPS_NEWS_DIR = path.join(CONTENT_DIR, 'powerapps', 'news');
export const BAD_FILES_DIR = path.join(REPO_DIR, 'test', 'fixtures', 'bad-files');
/** The seed article of the project (content/ai). */
export const SEED_FILE = path.join(
  AI_DIR,
  '2023-10-20-governing-the-ml-lifecycle-at-scale-part-1-a-framework-for-architecting-ml-workloads-using-amazon-sagemaker.md',
);

/** Folders made by `tempDir` in this test file, removed after it. */
const tempDirs: string[] = [];
// Registered once, as the test file imports this module: an `afterAll` called from inside a
// running test is never run, and every folder made there was left behind.
afterAll(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix = 'newsstand-builder-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/**
 * Make every file and folder under `dir` an hour old: a build reads files modified just before it
 * again, whatever their times say (as git does for "racy" files), and would not patch them.
 */
export function age(dir: string): void {
  const past = new Date(Date.now() - 3_600_000);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const target = path.join(dir, entry.name);
    if (entry.isDirectory()) age(target);
    else utimesSync(target, past, past);
  }
  utimesSync(dir, past, past);
}

/** A copy of real articles in a new temporary folder, an hour old (see age): `content` in it. */
export function oldCopyOf(...sources: string[]): string {
  const content = path.join(tempDir('newsstand-content-'), 'content');
  for (const source of sources) cpSync(source, content, { recursive: true });
  age(content);
  return content;
}

/** Every file under `dir`, as paths relative to it with `/` separators, sorted. */
export function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (sub: string) => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else files.push(rel);
    }
  };
  walk('');
  return files.sort();
}

/** A feed file's text with its build time blanked: builds of the same content differ only there. */
export function withoutBuildTime(text: string): string {
  return text.replace(/"generatedAt":"[^"]*"/g, '"generatedAt":""');
}

/** Every file of a built feed a reader can fetch (not the report: it has timings), build time blanked. */
export function readerFiles(outDir: string): Map<string, string> {
  const files = listFiles(outDir).filter((file) => file !== 'build-report.json');
  return new Map(files.map((file) => [file, withoutBuildTime(readFileSync(path.join(outDir, file), 'utf8'))]));
}

/** Parse a feed file with its schema (throws with the failing path if it does not match). */
export function readFeedFile<TSchema extends v.GenericSchema>(
  outDir: string,
  relPath: string,
  schema: TSchema,
): v.InferOutput<TSchema> {
  const json: unknown = JSON.parse(readFileSync(path.join(outDir, relPath), 'utf8'));
  const result = v.safeParse(schema, json);
  if (!result.success) {
    const issue = result.issues[0];
    throw new Error(`${relPath}: ${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
  }
  return result.output;
}

/** The byte-level bad inputs a text editor (and Prettier) would not keep intact. */
export const GENERATED_BAD_FILES: Record<string, Uint8Array> = {
  'whitespace-only.md': Buffer.from('   \n\n'),
  'invalid-utf8.md': Buffer.concat([
    Buffer.from('---\ntitle: "Caf'),
    Buffer.from([0xc3, 0x28]),
    Buffer.from('"\n---\n'),
  ]),
  'unclosed-front-matter.md': Buffer.from(
    '---\ntitle: "The front matter never ends"\npublishedDateTime: 2023-10-20T17:30:59Z\n',
  ),
  'bom-crlf.md': Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(
      '---\r\ntitle: "Saved on Windows"\r\npublishedDateTime: 2023-10-24T08:00:00Z\r\noriginalUrl: "https://windows.example.com/story"\r\n---\r\n',
    ),
  ]),
};

/** The committed bad-file fixtures plus the generated ones, in a new folder. */
export function badFilesCorpus(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(BAD_FILES_DIR)) copyFileSync(path.join(BAD_FILES_DIR, name), path.join(dir, name));
  for (const [name, bytes] of Object.entries(GENERATED_BAD_FILES)) writeFileSync(path.join(dir, name), bytes);
  return dir;
}
