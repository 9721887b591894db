// @vitest-environment node
import { appendFileSync, fstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeContext } from '../../src/builder/normalize';
import { processBytes, readFileBytes, type FileResult } from '../../src/builder/parse-file';
import {
  ArticleFileError,
  decodeText,
  firstInvalidUtf8Byte,
  parseArticleBytes,
  parseYamlMapping,
  scanContent,
} from '../../src/builder/read-articles';
import { BAD_FILES_DIR, CONTENT_DIR, GENERATED_BAD_FILES, SEED_FILE, tempDir } from './helpers';

const context = normalizeContext({ topics: [], organizations: [] });

function parseFixture(name: string): FileResult {
  const bytes = GENERATED_BAD_FILES[name] ?? readFileSync(path.join(BAD_FILES_DIR, name));
  return processBytes(bytes, { abs: name, rel: name, display: name, order: 0 }, context);
}

function problemOf(name: string): { field: string; reason: string } {
  const result = parseFixture(name);
  if (result.ok) throw new Error(`${name} was accepted`);
  return { field: result.problem.field, reason: result.problem.reason };
}

describe('reading real article files', () => {
  it('parses the seed article front matter, dates as the text normalize reads', () => {
    const data = parseArticleBytes(readFileSync(SEED_FILE));
    expect(data.title).toBe(
      'Governing the ML lifecycle at scale, Part 1: A framework for architecting ML workloads using Amazon SageMaker',
    );
    expect(data.publishedDateTime).toBe('2023-10-20T17:30:59Z');
    expect(data.heat).toBe(-1);
    expect(data.published).toBe(false);
    expect(Array.isArray(data.related)).toBe(true);
  });

  it('finds every article of the sample content and keeps taxonomy files apart', async () => {
    const scan = await scanContent([CONTENT_DIR]);
    expect(scan.articles).toHaveLength(547);
    expect(scan.topicFiles.map((file) => path.basename(file.rel))).toContain('05-portals.yaml');
    expect(scan.organizationFiles.length).toBeGreaterThan(50);
    expect(scan.articles.some((file) => file.rel.split(path.sep).includes('organizations'))).toBe(false);
    expect(scan.logoDirs).toEqual([path.join(CONTENT_DIR, 'powerapps', 'logos')]);
    // Sorted by relative path, so slugs and duplicate winners do not depend on the file system.
    const rels = scan.articles.map((file) => file.rel);
    expect(rels).toEqual([...rels].sort());
    expect(scan.articles[0]!.display).toBe(path.join(CONTENT_DIR, rels[0]!));
  });
});

describe('reading a file', () => {
  it('reads every byte, up to the size it was statted at and past it when the file grew', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.md');
    // Larger than the read buffer (64 KB), which then grows.
    const text = 'x'.repeat(200_000);
    writeFileSync(file, text);
    expect(Buffer.from(readFileBytes(file)).toString()).toBe(text);
    expect(Buffer.from(readFileBytes(file, (fd) => fstatSync(fd).size)).toString()).toBe(text);
    const grown = readFileBytes(file, (fd) => {
      const { size } = fstatSync(fd);
      appendFileSync(file, 'more');
      return size;
    });
    expect(Buffer.from(grown).toString()).toBe(`${text}more`);
    expect(readFileBytes(file, () => 0).length).toBe(200_004);
  });
});

describe('walking content folders', () => {
  it('follows symlinked folders once, skips hidden folders and never loops', async () => {
    const root = tempDir();
    mkdirSync(path.join(root, 'news', '2023'), { recursive: true });
    mkdirSync(path.join(root, '.drafts'));
    writeFileSync(path.join(root, 'news', '2023', 'a.md'), '---\ntitle: A\n---\n');
    writeFileSync(path.join(root, '.drafts', 'b.md'), '---\ntitle: B\n---\n');
    writeFileSync(path.join(root, 'news', 'notes.txt'), 'not an article');
    symlinkSync(path.join(root, 'news'), path.join(root, 'news', '2023', 'loop'));
    symlinkSync(path.join(root, 'news', '2023', 'a.md'), path.join(root, 'linked.md'));
    const scan = await scanContent([root]);
    expect(scan.articles.map((file) => file.rel)).toEqual(['linked.md', path.join('news', '2023', 'a.md')]);
  });
});

describe('bad files: each is skipped with its field and reason', () => {
  it.each([
    ['empty.md', 'file', /^empty file$/],
    ['whitespace-only.md', 'file', /^empty file$/],
    ['invalid-utf8.md', 'file', /^invalid UTF-8 at byte 15$/],
    ['no-front-matter.md', 'front matter', /^no front matter/],
    ['unclosed-front-matter.md', 'front matter', /not closed/],
    ['broken-yaml.md', 'front matter', /^broken YAML at line 6: missed comma/],
    ['not-a-mapping.md', 'front matter', /not a mapping/],
    ['empty-front-matter.md', 'front matter', /is empty/],
    ['missing-title.md', 'title', /^missing title$/],
    ['empty-title.md', 'title', /^empty title$/],
    ['bad-date.md', 'publishedDateTime', /^unreadable date "last Tuesday"$/],
    ['missing-date.md', 'publishedDateTime', /^missing date$/],
    ['no-http-url.md', 'originalUrl', /no http\(s\) URL/],
  ])('%s → %s', (name, field, reason) => {
    const problem = problemOf(name);
    expect(problem.field).toBe(field);
    expect(problem.reason).toMatch(reason);
  });

  it('accepts a byte-order mark and CRLF line ends', () => {
    const result = parseFixture('bom-crlf.md');
    expect(result.ok && result.article.title).toBe('Saved on Windows');
  });

  it('reports YAML errors with the line number in the file, not in the front matter', () => {
    const error = (() => {
      try {
        parseYamlMapping('title: [unclosed\n', 2);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ArticleFileError);
    expect((error as Error).message).toMatch(/^broken YAML at line 3:/);
  });

  it('locates invalid UTF-8 exactly, including overlong and truncated sequences', () => {
    expect(firstInvalidUtf8Byte(Buffer.from('plain ascii'))).toBe(11);
    expect(firstInvalidUtf8Byte(Buffer.from('caf\u00e9 \u201cquoted\u201d'))).toBe(18);
    expect(firstInvalidUtf8Byte(Uint8Array.from([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8Byte(Uint8Array.from([0x41, 0x42, 0xe2, 0x80]))).toBe(2);
    expect(firstInvalidUtf8Byte(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(() => decodeText(Uint8Array.from([0x2d, 0xff]))).toThrow('invalid UTF-8 at byte 1');
  });
});
