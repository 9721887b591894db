/**
 * Finding the input files and turning one file's bytes into its front matter. Everything that
 * can be wrong with a file up to that point becomes an `ArticleFileError` with a field and reason.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { TextDecoder } from 'node:util';
import { contentHash } from './cache-files';
import yaml from 'js-yaml';
import { parseSimpleYaml } from './simple-yaml';

/** One input file: `display` is how reports name it (the content folder as given + relative path). */
export interface SourceFile {
  abs: string;
  rel: string;
  display: string;
  dirIndex: number;
}

/** What a walk over the content folders found, each list sorted by relative path. */
export interface ContentScan {
  articles: SourceFile[];
  topicFiles: SourceFile[];
  organizationFiles: SourceFile[];
  /** Absolute paths of every `logos/` folder, in content-folder order. */
  logoDirs: string[];
  /**
   * Every folder walked, and a digest of what the walk took from it: a file added, removed or
   * renamed in one changes its modification time, and a rebuild then lists it again.
   */
  dirs: Map<string, string>;
}

/** A file-level problem: the file cannot become an article. */
export class ArticleFileError extends Error {
  readonly field: string;
  constructor(field: string, reason: string) {
    super(reason);
    this.name = 'ArticleFileError';
    this.field = field;
  }
}

const SKIPPED_DIRS = new Set(['node_modules']);

/** An entry of a folder as the walk takes it. */
export interface TakenEntry {
  name: string;
  kind: 'dir' | 'logos' | 'article' | 'topic' | 'organization';
}

/**
 * The entries of one folder the walk takes: `topics/*.yaml`, `organizations/*.md` and `logos/`
 * are taxonomy, not articles; hidden entries and `excluded` folders (e.g. an output folder
 * inside the content) are left out. Symlinks count as what they point to.
 */
export async function takenEntries(abs: string, excluded: ReadonlySet<string>): Promise<TakenEntry[]> {
  const entries = await readdir(abs, { withFileTypes: true });
  const parentName = path.basename(abs);
  const taken: TakenEntry[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const kind = entry.isSymbolicLink() ? await linkKind(abs + path.sep + entry.name) : entryKind(entry);
    if (kind === 'dir') {
      if (SKIPPED_DIRS.has(entry.name) || excluded.has(abs + path.sep + entry.name)) continue;
      taken.push({ name: entry.name, kind: entry.name === 'logos' ? 'logos' : 'dir' });
    } else if (kind === 'file') {
      if (parentName === 'topics' && /\.ya?ml$/i.test(entry.name)) taken.push({ name: entry.name, kind: 'topic' });
      else if (parentName === 'organizations' && /\.md$/i.test(entry.name))
        taken.push({ name: entry.name, kind: 'organization' });
      else if (/\.md$/i.test(entry.name)) taken.push({ name: entry.name, kind: 'article' });
    }
  }
  return taken;
}

/** A digest of a folder's taken entries, in any order. */
export function listingDigest(taken: readonly TakenEntry[]): string {
  return contentHash(
    taken
      .map((entry) => `${entry.kind}:${entry.name}`)
      .sort()
      .join('/'),
  );
}

/**
 * Walk the content folders recursively (see takenEntries). Symlinked folders are followed once.
 * `exclude`: folders not entered.
 */
export async function scanContent(contentDirs: string[], exclude: string[] = []): Promise<ContentScan> {
  const scan: ContentScan = { articles: [], topicFiles: [], organizationFiles: [], logoDirs: [], dirs: new Map() };
  const excluded = new Set(exclude.map((dir) => path.resolve(dir)));
  const visited = new Set<string>();

  // Paths are joined by hand: path.join and path.relative cost more than the walk itself at 100k files.
  async function walk(dirIndex: number, display: string, abs: string, rel: string): Promise<void> {
    const real = await realpath(abs);
    if (visited.has(real)) return;
    visited.add(real);
    const taken = await takenEntries(abs, excluded);
    scan.dirs.set(abs, listingDigest(taken));
    const subdirs: string[] = [];
    for (const { name, kind } of taken) {
      if (kind === 'dir') {
        subdirs.push(name);
        continue;
      }
      if (kind === 'logos') {
        scan.logoDirs.push(abs + path.sep + name);
        continue;
      }
      const childRel = rel + name;
      const file: SourceFile = { abs: abs + path.sep + name, rel: childRel, display: display + childRel, dirIndex };
      if (kind === 'topic') scan.topicFiles.push(file);
      else if (kind === 'organization') scan.organizationFiles.push(file);
      else scan.articles.push(file);
    }
    for (const sub of subdirs) {
      await walk(dirIndex, display, abs + path.sep + sub, rel + sub + path.sep);
    }
  }

  for (const [dirIndex, dir] of contentDirs.entries()) {
    const root = path.resolve(dir);
    await walk(dirIndex, displayPrefix(dir), root, '');
  }
  const byPath = (a: SourceFile, b: SourceFile) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : a.dirIndex - b.dirIndex);
  scan.articles.sort(byPath);
  scan.topicFiles.sort(byPath);
  scan.organizationFiles.sort(byPath);
  return scan;
}

/** How reports name a content folder's files: the folder as given, a separator, the relative path. */
export function displayPrefix(contentDir: string): string {
  return contentDir.endsWith(path.sep) ? contentDir : contentDir + path.sep;
}

function entryKind(entry: Dirent): 'dir' | 'file' | 'other' {
  return entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : 'other';
}

async function linkKind(abs: string): Promise<'dir' | 'file' | 'other'> {
  try {
    const target = await stat(abs);
    return target.isDirectory() ? 'dir' : target.isFile() ? 'file' : 'other';
  } catch {
    return 'other'; // a dangling link is not content
  }
}

// fatal: invalid UTF-8 is a reported problem, never silently replaced with U+FFFD.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decode UTF-8 strictly, without a byte-order mark and with `\n` line ends. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ArticleFileError('file', 'empty file');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ArticleFileError('file', `invalid UTF-8 at byte ${firstInvalidUtf8Byte(bytes)}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new ArticleFileError('file', 'empty file');
  return text;
}

/**
 * The YAML between the opening `---` line and the next `---` (or `...`) line, and the line
 * number (1-based) in the file where that YAML starts.
 */
export function splitFrontMatter(text: string): { yaml: string; firstLine: number } {
  const open = /^---[ \t]*\n/.exec(text);
  if (!open) throw new ArticleFileError('front matter', 'no front matter (the file must start with a --- line)');
  const rest = text.slice(open[0].length);
  const close = /^(?:---|\.\.\.)[ \t]*$/m.exec(rest);
  if (!close) throw new ArticleFileError('front matter', 'front matter is not closed by a --- line');
  return { yaml: rest.slice(0, close.index), firstLine: 2 };
}

/**
 * YAML's core schema plus merge keys: no implicit timestamps, which cost a sixth of the parse
 * time at 100k files. Dates stay strings, and normalize reads them as YAML would (no zone = UTC).
 */
export const FRONT_MATTER_SCHEMA = yaml.CORE_SCHEMA.extend({
  // js-yaml exports its built-in types; @types/js-yaml does not declare them.
  implicit: [(yaml as unknown as { types: { merge: yaml.Type } }).types.merge],
});

/** Parse front-matter YAML into a mapping; errors carry the file's line number. */
export function parseYamlMapping(source: string, firstLine: number, what = 'front matter'): Record<string, unknown> {
  let data: unknown = parseSimpleYaml(source);
  if (data !== undefined) return data as Record<string, unknown>;
  try {
    data = yaml.load(source, { schema: FRONT_MATTER_SCHEMA });
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      const line = error.mark ? error.mark.line + firstLine : firstLine;
      throw new ArticleFileError(what, `broken YAML at line ${line}: ${error.reason}`);
    }
    throw error;
  }
  if (data === null || data === undefined) throw new ArticleFileError(what, `${what} is empty`);
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ArticleFileError(what, `${what} is not a mapping of fields`);
  }
  return data as Record<string, unknown>;
}

// The `secured` blob is opaque and dropped, but is a fifth of a typical file: a one-line plain
// value is blanked before parsing (keeping line numbers) so the YAML parser does not read it.
const SECURED_LINE = /^secured: "[A-Za-z0-9+/=;]*"$/m;

/** Bytes of an article file → its front matter, or an ArticleFileError. */
export function parseArticleBytes(bytes: Uint8Array): Record<string, unknown> {
  const { yaml: source, firstLine } = splitFrontMatter(decodeText(bytes));
  return parseYamlMapping(frontMatterSource(source), firstLine);
}

/** An article's front matter as it is parsed: with its `secured` line blanked. */
export function frontMatterSource(yaml: string): string {
  return yaml.replace(SECURED_LINE, '');
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // Allowed ranges per RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF.
    const [length, low, high] =
      lead >= 0xc2 && lead <= 0xdf
        ? [2, 0x80, 0xbf]
        : lead === 0xe0
          ? [3, 0xa0, 0xbf]
          : lead === 0xed
            ? [3, 0x80, 0x9f]
            : lead >= 0xe1 && lead <= 0xef
              ? [3, 0x80, 0xbf]
              : lead === 0xf0
                ? [4, 0x90, 0xbf]
                : lead === 0xf4
                  ? [4, 0x80, 0x8f]
                  : lead >= 0xf1 && lead <= 0xf3
                    ? [4, 0x80, 0xbf]
                    : [0, 0, 0];
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const byte = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (byte === undefined || byte < min || byte > max) return i;
    }
    i += length;
  }
  return bytes.length;
}
