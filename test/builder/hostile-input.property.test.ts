// @vitest-environment node
/**
 * Property-based tests: builds from random and hostile article files and taxonomy files
 * (`topics/*.yaml`, `organizations/*.md`), mixed with valid articles. Whatever the files hold, the
 * build must not throw, must write only inside its output folder, must keep every valid article and
 * must report every invalid file with its path and field.
 *
 * fast-check prints the seed and path of a failure; `FC_SEED=<seed>` replays it.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { decodeHTML } from 'entities';
import fc from 'fast-check';
import yaml from 'js-yaml';
import * as v from 'valibot';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFeed, type BuildReport } from '../../src/builder/build-feed';
import { OUTPUT_ENTRIES } from '../../src/builder/write-feed';
import { ArticleDetailSchema } from '../../src/feed/schema';
import { feedPaths } from '../../src/feed/urls';
import { REPO_DIR } from './helpers';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
/** Problem reasons are printed one per line by the CLI: a hostile value must not blow them up. */
const MAX_REASON_LENGTH = 500;

// ---------------------------------------------------------------- YAML text, written by hand

/** YAML text inserted as it is (aliases, tags, broken syntax). */
class RawYaml {
  constructor(readonly text: string) {}
}
/** A mapping as ordered pairs, so keys such as `__proto__` stay plain data. */
class YamlMap {
  constructor(readonly pairs: [string, unknown][]) {}
}

/** A double-quoted YAML scalar: JSON's escapes, plus the characters YAML will not take raw. */
function yamlString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** One value in YAML flow style (one line, any depth). */
function toYaml(value: unknown): string {
  if (value instanceof RawYaml) return value.text;
  if (value instanceof YamlMap) return `{${value.pairs.map(([k, x]) => `${yamlString(k)}: ${toYaml(x)}`).join(', ')}}`;
  if (Array.isArray(value)) return `[${value.map(toYaml).join(', ')}]`;
  if (typeof value === 'string') return yamlString(value);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return Object.is(value, -0) ? '-0.0' : String(value);
  }
  return String(value); // booleans and null
}

type Entry = [key: string, value: unknown];

interface FileShape {
  entries: Entry[];
  crlf: boolean;
  bom: boolean;
  body: string;
}

/** A nested list that doubles nine times per level: small on disk, ~9^6 leaves when expanded. */
const BOMB_LEVELS = 6;
const BOMB_LINES = Array.from({ length: BOMB_LEVELS + 1 }, (_, level) => {
  const items = Array.from({ length: 9 }, () => (level === 0 ? '"lol"' : `*lol${level - 1}`));
  return `lol${level}: &lol${level} [${items.join(', ')}]`;
});
const bomb = (level: number) => new RawYaml(`*lol${level}`);

function frontMatterText({ entries, body }: Pick<FileShape, 'entries' | 'body'>): string {
  // Every file defines the bomb's anchors, so any value may refer to them.
  const lines = [...BOMB_LINES, ...entries.map(([key, value]) => `${yamlString(key)}: ${toYaml(value)}`)];
  return ['---', ...lines, '---', body].join('\n');
}

function fileBytes(shape: FileShape): Uint8Array {
  let text = frontMatterText(shape);
  if (shape.crlf) text = text.replace(/\n/g, '\r\n');
  return Buffer.from((shape.bom ? '\ufeff' : '') + text, 'utf8');
}

// ---------------------------------------------------------------- hostile pieces

const HOSTILE_PATHS = [
  '../../x',
  '/etc/passwd',
  'C:\\x',
  '%2e%2e/',
  '..\\..\\',
  '../../../../../../tmp/pwned',
  '%2e%2e%2f%2e%2e%2fx',
  '\\\\server\\share\\x',
  'file:///etc/passwd',
  '~/.ssh/id_rsa',
  'a/../../b',
  'NUL',
  'CON:',
];
const MIXED_SCRIPTS = [
  'مرحبا بالعالم',
  'שלום עולם',
  '\u202eevil\u202c gpj.exe',
  '\u2066isolate\u2069',
  '漢字かなカナ',
  '한국어 뉴스',
  '😀👩‍👩‍👧🏳️‍🌈',
  'e\u0301\u0308\u0327 Zalgơ̸̢',
  'zero\u200bwidth\u200d\u2060joiner',
  'Ωμέγα Кириллица',
  'Zürich ﬁ ①',
  '\ud800 lone \udfff',
];
const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '{{constructor.constructor("alert(1)")()}}',
  '${process.exit(1)}',
];
const ENTITIES = ['&amp;', '&lt;script&gt;', '&nbsp;', '&#x202E;', '&quot;', '&#0;', '&bogus;', '&amp', '&#x1F600;'];
const CONTROLS = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u009b',
];
const SPACES = [' ', '  ', '\u00a0', '\u2028', '\u3000', '\ufeff'];
const YAML_SYNTAX = [
  ': colon',
  '- dash',
  '# hash',
  '*star',
  '&anchor',
  '!tag',
  '%YAML',
  '@at',
  '`tick`',
  '{brace}',
  '[bracket]',
  '|',
  '>',
  '---',
  '...',
];

/** 100 KB and more, built once: random strings of that size would make shrinking crawl. */
const HUGE = [
  'A'.repeat(100_000),
  '漢字 😀 e\u0301 مرحبا '.repeat(6_000),
  '&amp;'.repeat(25_000),
  '\u0000\t\u0085 '.repeat(30_000),
  '../'.repeat(40_000),
];

const piece = fc.oneof(
  fc.constantFrom(...HOSTILE_PATHS, ...MIXED_SCRIPTS, ...MARKUP, ...ENTITIES, ...CONTROLS, ...SPACES, ...YAML_SYNTAX),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const hostileText = fc.oneof(
  { weight: 6, arbitrary: fc.array(piece, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
);

const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.integer({ min: 0, max: BOMB_LEVELS }).map(bomb),
);
const hostileKey = fc.oneof(
  fc.constantFrom('title', 'url', '__proto__', 'constructor', 'prototype', '<<', 'toString', ...HOSTILE_PATHS),
  fc.string({ maxLength: 8 }),
);

/** Lists and maps of hostile values; nesting stays within js-yaml's depth limit (100). */
const { hostileValue } = fc.letrec<{ hostileValue: unknown }>((tie) => ({
  hostileValue: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileScalar,
    fc.array(tie('hostileValue'), { maxLength: 4 }),
    fc
      .uniqueArray(fc.tuple(hostileKey, tie('hostileValue')), { maxLength: 4, selector: ([key]) => key })
      .map((pairs) => new YamlMap(pairs)),
    fc.integer({ min: 10, max: 90 }).map((depth) => deepList(depth)),
  ),
}));

function deepList(depth: number): unknown {
  let value: unknown = '../../x';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : new YamlMap([['k', value]]);
  return value;
}

// ---------------------------------------------------------------- valid articles

/** The decoded title the feed should show: entities decoded, controls and space runs as one space. */
function expectedTitle(raw: string): string {
  return decodeHTML(raw)
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim();
}

const titleArb: fc.Arbitrary<{ value: unknown; expected: string }> = fc.oneof(
  {
    weight: 8,
    arbitrary: hostileText
      .filter((text) => expectedTitle(text) !== '')
      .map((text) => ({ value: text, expected: expectedTitle(text) })),
  },
  { weight: 1, arbitrary: fc.integer({ min: -1e9, max: 1e9 }).map((n) => ({ value: n, expected: String(n) })) },
  { weight: 1, arbitrary: fc.boolean().map((b) => ({ value: b, expected: String(b) })) },
);

const dateArb: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
    fc.constantFrom('quoted', 'timestamp', 'day', 'offset'),
  )
  .map(([date, style]) => {
    const iso = date.toISOString();
    if (style === 'quoted') return iso;
    if (style === 'timestamp') return new RawYaml(iso); // YAML reads it as a Date
    if (style === 'day') return iso.slice(0, 10);
    return `${iso.slice(0, 19)}+05:30`;
  });

/** Fields the builder fixes or ignores with a warning: they must never cost the article. */
const TOLERATED_KEYS = [
  'excerpt',
  'webUrl',
  'ampWebUrl',
  'type',
  'quality',
  'heat',
  'provider',
  'topics',
  'images',
  'featuredContent',
  'related',
  'secured',
  'category',
  '__proto__',
  'constructor',
  '<<',
  ...HOSTILE_PATHS,
];
const toleratedEntries = fc.uniqueArray(fc.tuple(fc.constantFrom(...TOLERATED_KEYS), hostileValue), {
  maxLength: 5,
  selector: ([key]) => key,
});

/** Bodies are never read, but must not confuse the front matter split or the decoder. */
const bodyArb = fc.constantFrom(
  '',
  'Body text.',
  '\u0000\u0001 NUL in the body',
  '---\ntitle: "a second front matter block"\n---',
  '<script>alert(1)</script>',
  HUGE[1]!,
);

/** File name fragments for valid files: ASCII, so the expected slug is plain to compute. */
const ASCII_NAME_FRAGMENTS = [
  '..\\..\\x',
  'C:\\x',
  '%2e%2e%2f',
  '..',
  '...',
  'etc passwd',
  ' spaces ',
  'CON',
  '$(rm -rf)',
  '`x`',
  "'q'",
  '"dq"',
  '*?',
  '<>|',
  ':',
  '-rf',
  'a',
];
const NAME_FRAGMENTS = [...ASCII_NAME_FRAGMENTS, '漢字', '😀', '\u202egpj.exe', 'e\u0301', 'مرحبا', '\u200b'];
/** Sub-folder names: not hidden (dot) folders, which the walk skips on purpose. */
const SUBDIRS = ['%2e%2e', 'x..', 'C:', 'sub dir', 'عربي', 'a..\\..\\', 'a\u200bb'];

/** How a counterexample prints: the path and the start of the text, not a byte dump. */
function describeFile(this: DescribedFile): string {
  const text = Buffer.from(this.bytes).toString('utf8');
  const shown = text.length > 2_000 ? `${text.slice(0, 2_000)}… (${text.length} chars)` : text;
  return `${this.kind} ${JSON.stringify(this.rel)} ${JSON.stringify(this.fields ?? this.expectedSlug)}\n${shown}`;
}

type DescribedFile = Pick<GeneratedFile, 'rel' | 'bytes' | 'expectedSlug'> & {
  kind: string;
  fields?: string[];
};

interface GeneratedFile {
  kind: 'valid' | 'invalid' | 'noise';
  /** Path relative to the content folder. */
  rel: string;
  bytes: Uint8Array;
  expectedSlug?: string;
  expectedTitle?: string;
  /** For invalid files: the fields a report may name for the fault. */
  fields?: string[];
}

const validSpec = fc.record({
  title: titleArb,
  date: dateArb,
  extras: toleratedEntries,
  crlf: fc.boolean(),
  bom: fc.boolean(),
  body: bodyArb,
  fragment: fc.constantFrom(...ASCII_NAME_FRAGMENTS),
  subdir: fc.option(fc.constantFrom(...SUBDIRS), { nil: undefined }),
  upperExtension: fc.boolean(),
  published: fc.constantFrom<unknown>(undefined, true, 'yes', 0, null),
});
type ValidSpec = typeof validSpec extends fc.Arbitrary<infer T> ? T : never;

function slugOf(baseName: string): string {
  return baseName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function validFile(spec: ValidSpec, i: number): GeneratedFile {
  const base = `v${i}x-${spec.fragment}`;
  const name = `${base}${spec.upperExtension ? '.MD' : '.md'}`;
  const entries: Entry[] = [
    ['title', spec.title.value],
    ['publishedDateTime', spec.date],
    // The query is not normalized away, so each valid article keeps its own URL.
    ['originalUrl', `https://valid.example/story?n=${i}&p=../../etc/passwd`],
    ...spec.extras,
  ];
  if (spec.published !== undefined) entries.push(['published', spec.published]);
  return {
    kind: 'valid',
    rel: spec.subdir ? path.join(spec.subdir, name) : name,
    bytes: fileBytes({ entries, crlf: spec.crlf, bom: spec.bom, body: spec.body }),
    expectedSlug: slugOf(base),
    expectedTitle: spec.title.expected,
  };
}

// ---------------------------------------------------------------- invalid files, one fault each

/** What makes a file unusable, and the fields a report may name for it. */
type Fault =
  | { field: 'title' | 'publishedDateTime' | 'originalUrl'; value: unknown }
  | { field: 'front matter'; variant: string }
  | { field: 'encoding'; variant: string; bytes: readonly number[] };

const NOT_HTTP_URLS = [
  ...HOSTILE_PATHS,
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'ftp://files.example/x',
  'http://',
  'https://',
  '//evil.example/x',
  'http:/x',
  'https://exa mple.com/x',
  'http://[::1',
  'hxxp://x.example',
  '',
];

const MISSING = Symbol('missing');

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  fc
    .oneof(
      fc.constantFrom<unknown>(
        MISSING,
        null,
        [],
        new YamlMap([]),
        ['a', 'b'],
        new YamlMap([['a', 1]]),
        '   ',
        '\u0000\t\n',
        '&nbsp;',
        ' \u0085\u2028 ',
      ),
      fc.integer({ min: 0, max: BOMB_LEVELS }).map(bomb),
      fc.integer({ min: 1, max: 90 }).map(deepList),
    )
    .map((value) => ({ field: 'title' as const, value })),
  fc
    .oneof(
      fc.constantFrom<unknown>(
        MISSING,
        null,
        1697822459,
        ['2023-10-20T17:30:59Z'],
        new YamlMap([['date', '2023-10-20']]),
        'yesterday',
        '03/04/2021',
        '0999-12-31T00:00:00Z',
        '10000-01-01T00:00:00Z',
        '2023-13-45T99:99:99Z',
        '2023-10-20T17:30:59Z; rm -rf /',
        true,
        '',
        HUGE[0]!,
      ),
      fc.constantFrom(...HOSTILE_PATHS),
      fc.integer({ min: 0, max: BOMB_LEVELS }).map(bomb),
    )
    .map((value) => ({ field: 'publishedDateTime' as const, value })),
  fc
    .oneof(
      fc.constantFrom<unknown>(
        ...NOT_HTTP_URLS,
        MISSING,
        null,
        42,
        [],
        new YamlMap([['href', 'https://x.example']]),
        HUGE[4]!,
      ),
      fc.integer({ min: 0, max: BOMB_LEVELS }).map(bomb),
    )
    .map((value) => ({ field: 'originalUrl' as const, value })),
  fc
    .constantFrom(
      'no opening line',
      'blank line first',
      'unclosed',
      'broken YAML',
      'a list',
      'a scalar',
      'duplicate key',
      'duplicate key in a map',
      'raw control character',
      'unknown alias',
      'empty',
      'too deep',
      'unknown tag',
      'bad merge',
    )
    .map((variant) => ({ field: 'front matter' as const, variant })),
  fc
    .oneof(
      fc.record({
        variant: fc.constantFrom('in the title', 'in the body', 'at the start'),
        bytes: fc.constantFrom(
          [0xc3, 0x28],
          [0xff],
          [0xfe, 0xfe],
          [0xc0, 0xaf], // overlong '/'
          [0xe0, 0x80, 0xaf], // overlong '/'
          [0xed, 0xa0, 0x80], // a UTF-16 surrogate
          [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
          [0xe2, 0x82], // truncated
          [0x80],
        ),
      }),
      fc.constantFrom('empty file', 'whitespace only', 'UTF-16').map((variant) => ({ variant, bytes: [] })),
    )
    .map(({ variant, bytes }) => ({ field: 'encoding' as const, variant, bytes })),
);

/** Report fields that name each fault: decoding problems are about the whole file. */
function reportFields(fault: Fault): string[] {
  if (fault.field === 'encoding') return ['file'];
  return [fault.field];
}

const invalidSpec = fc.record({
  fault: faultArb,
  extras: toleratedEntries,
  crlf: fc.boolean(),
  bom: fc.boolean(),
  fragment: fc.constantFrom(...NAME_FRAGMENTS),
  subdir: fc.option(fc.constantFrom(...SUBDIRS), { nil: undefined }),
});
type InvalidSpec = typeof invalidSpec extends fc.Arbitrary<infer T> ? T : never;

function invalidFile(spec: InvalidSpec, i: number): GeneratedFile {
  const { fault } = spec;
  const fields: Record<string, unknown> = {
    title: 'A perfectly good title',
    publishedDateTime: '2023-10-20T17:30:59Z',
    originalUrl: `https://invalid.example/story?n=${i}`,
  };
  if ('value' in fault) {
    fields[fault.field] = fault.value;
    // With no http(s) originalUrl the builder falls back to webUrl: give it a bad one too.
    if (fault.field === 'originalUrl') fields.webUrl = 'javascript:alert(1)';
  }
  const entries: Entry[] = [
    ...Object.entries(fields).filter(([, value]) => value !== MISSING),
    // Tolerated extras, minus any that would stand in for the missing field.
    ...spec.extras.filter(([key]) => !(key in fields) && key !== '__proto__' && key !== '<<'),
  ];
  if (fault.field === 'title' && fault.value === MISSING) {
    // A prototype-polluting key must not supply the missing title.
    entries.push(['__proto__', new YamlMap([['title', 'polluted']])]);
  }
  let text = frontMatterText({ entries, body: '' });
  let bytes: Uint8Array | null = null;
  if (fault.field === 'front matter') {
    const yamlLines = text.split('\n').slice(1, -2);
    const wrap = (lines: string[]) => ['---', ...lines, '---', ''].join('\n');
    switch (fault.variant) {
      case 'no opening line':
        text = yamlLines.join('\n') + '\n---\n';
        break;
      case 'blank line first':
        text = '\n' + text;
        break;
      case 'unclosed':
        text = ['---', ...yamlLines, ''].join('\n');
        break;
      case 'broken YAML':
        text = wrap([...yamlLines, 'broken: [unclosed, "list']);
        break;
      case 'a list':
        text = wrap(['- title: "A list, not a mapping"', '- ../../x']);
        break;
      case 'a scalar':
        text = wrap(['"/etc/passwd"']);
        break;
      case 'duplicate key':
        text = wrap([...yamlLines, 'title: "Second title"']);
        break;
      case 'duplicate key in a map':
        text = wrap([...yamlLines, 'provider: {domain: "a.example", domain: "../../x"}']);
        break;
      case 'raw control character':
        text = wrap([...yamlLines, 'excerpt: "bell \u0007 escape \u001b nul \u0000"']);
        break;
      case 'unknown alias':
        text = wrap([...yamlLines, 'excerpt: *nowhere']);
        break;
      case 'empty':
        text = wrap([]);
        break;
      case 'too deep':
        text = wrap([...yamlLines, `excerpt: ${'['.repeat(5_000)}${']'.repeat(5_000)}`]);
        break;
      case 'unknown tag':
        text = wrap([...yamlLines, 'excerpt: !!js/function "function () { process.exit(1) }"']);
        break;
      case 'bad merge':
        text = wrap([...yamlLines, '<<: "../../x"']);
        break;
    }
  }
  if (fault.field === 'encoding') {
    const bad = Buffer.from(fault.bytes);
    if (fault.variant === 'empty file') bytes = new Uint8Array(0);
    else if (fault.variant === 'whitespace only') bytes = Buffer.from(' \r\n\t\n');
    else if (fault.variant === 'UTF-16') bytes = Buffer.from('\ufeff' + text, 'utf16le');
    else if (fault.variant === 'at the start') bytes = Buffer.concat([bad, Buffer.from(text)]);
    else if (fault.variant === 'in the body') bytes = Buffer.concat([Buffer.from(text + 'body '), bad]);
    else {
      const [head, tail] = text.split('A perfectly good');
      bytes = Buffer.concat([Buffer.from(head!), bad, Buffer.from(`A perfectly good${tail!}`)]);
    }
  }
  if (!bytes) {
    if (spec.crlf) text = text.replace(/\n/g, '\r\n');
    bytes = Buffer.from((spec.bom ? '\ufeff' : '') + text);
  }
  const name = `i${i}x-${spec.fragment}.md`;
  return {
    kind: 'invalid',
    rel: spec.subdir ? path.join(spec.subdir, name) : name,
    bytes,
    fields: reportFields(fault),
  };
}

// ---------------------------------------------------------------- noise: anything at all

const FIELD_NAMES = [
  'title',
  'publishedDateTime',
  'originalUrl',
  'webUrl',
  'type',
  'provider',
  'topics',
  'images',
  'related',
  'published',
];
const noiseSpec = fc.record({
  content: fc.oneof(
    // Arbitrary YAML values, dumped by js-yaml, sometimes around a usable core.
    fc
      .tuple(
        fc.dictionary(
          fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 6 })),
          fc.anything({ maxDepth: 3, maxKeys: 4 }),
          { maxKeys: 8 },
        ),
        fc.boolean(),
      )
      .map(([data, usable]) => {
        const core = usable
          ? { title: 'Noise', publishedDateTime: '2023-01-01T00:00:00Z', originalUrl: 'https://noise.example/a' }
          : {};
        return Buffer.from(`---\n${yaml.dump({ ...core, ...data }, { skipInvalid: true })}---\n`);
      }),
    // Raw bytes, with or without an opening line.
    fc
      .tuple(fc.boolean(), fc.uint8Array({ maxLength: 300 }))
      .map(([open, raw]) => Buffer.concat([Buffer.from(open ? '---\n' : ''), raw])),
  ),
  fragment: fc.constantFrom(...NAME_FRAGMENTS),
});
type NoiseSpec = typeof noiseSpec extends fc.Arbitrary<infer T> ? T : never;

function noiseFile(spec: NoiseSpec, i: number): GeneratedFile {
  return { kind: 'noise', rel: `n${i}x-${spec.fragment}.md`, bytes: spec.content };
}

const batchArb = fc
  .record({
    valid: fc.array(validSpec, { minLength: 1, maxLength: 4 }),
    invalid: fc.array(invalidSpec, { maxLength: 5 }),
    noise: fc.array(noiseSpec, { maxLength: 3 }),
  })
  .map(({ valid, invalid, noise }) => [...valid.map(validFile), ...invalid.map(invalidFile), ...noise.map(noiseFile)])
  .map((files) => files.map((file) => Object.assign(file, { [fc.toStringMethod]: describeFile })));

// ---------------------------------------------------------------- running a build and checking it

// Made by the first run, not as the file is collected: a run that filters every test out makes nothing.
let root: string | null = null;
const rootDir = () => (root ??= mkdtempSync(path.join(tmpdir(), 'newsstand-hostile-')));
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

interface Layout {
  parent: string;
  contentDir: string;
  outDir: string;
}

/** parent/content holds the files; parent/out is where the feed goes. */
function writeLayout(files: Pick<GeneratedFile, 'rel' | 'bytes'>[]): Layout {
  const parent = mkdtempSync(path.join(rootDir(), 'run-'));
  const contentDir = path.join(parent, 'content');
  for (const file of files) {
    const abs = path.join(contentDir, file.rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, file.bytes);
  }
  return { parent, contentDir, outDir: path.join(parent, 'out') };
}

/** Every entry under `dir` (relative paths), with `skip` (relative to dir) left out. */
function entriesUnder(dir: string, skip?: string): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? path.join(rel, entry.name) : entry.name;
      if (child === skip) continue;
      found.push(entry.isDirectory() ? `${child}/` : child);
      if (entry.isDirectory()) walk(child);
    }
  };
  walk('');
  return found.sort();
}

/** Where a hostile path would land if someone joined it to one of our folders. */
function escapeTargets({ parent, contentDir, outDir }: Layout): Map<string, boolean> {
  const targets = new Map<string, boolean>();
  for (const base of [parent, contentDir, outDir, process.cwd()]) {
    for (const hostile of HOSTILE_PATHS) {
      const target = path.resolve(base, hostile);
      targets.set(target, existsSync(target));
    }
  }
  return targets;
}

/** Everything the build wrote is a plain file or folder inside outDir. */
function expectConfined(outDir: string): void {
  const realOut = realpathSync(outDir);
  for (const rel of entriesUnder(outDir)) {
    const abs = path.join(outDir, rel);
    expect(lstatSync(abs).isSymbolicLink(), rel).toBe(false);
    const relative = path.relative(realOut, realpathSync(abs));
    expect(relative.startsWith('..') || path.isAbsolute(relative), rel).toBe(false);
  }
  for (const name of readdirSync(outDir)) expect(OUTPUT_ENTRIES as readonly string[]).toContain(name);
}

/**
 * The report's skipped files, each problem an error naming a file that was written and a field,
 * with a bounded reason (warnings too).
 */
function problemsByFile(report: BuildReport, written: string[]): Map<string, BuildReport['skipped']> {
  const skippedByFile = new Map<string, BuildReport['skipped']>();
  for (const problem of report.skipped) {
    expect(problem.severity).toBe('error');
    expect(problem.field).not.toBe('');
    skippedByFile.set(problem.file, [...(skippedByFile.get(problem.file) ?? []), problem]);
  }
  for (const problem of [...report.skipped, ...report.warnings]) {
    expect(problem.reason.length, `${problem.file}: ${problem.field}`).toBeLessThanOrEqual(MAX_REASON_LENGTH);
  }
  const known = new Set(written);
  for (const file of skippedByFile.keys()) expect(known, 'a skipped file that was never written').toContain(file);
  return skippedByFile;
}

/** A valid article file: not skipped, and its detail file holds its title. */
function expectArticleKept(file: GeneratedFile, problems: BuildReport['skipped'], layout: Layout): void {
  expect(problems, `${file.rel} is not skipped`).toEqual([]);
  const detail = path.join(layout.outDir, feedPaths.article(file.expectedSlug!));
  expect(existsSync(detail), `${file.rel} → ${feedPaths.article(file.expectedSlug!)}`).toBe(true);
  const parsed = v.parse(ArticleDetailSchema, JSON.parse(readFileSync(detail, 'utf8')));
  expect(parsed.article.title).toBe(file.expectedTitle);
}

function expectReport(report: BuildReport, files: GeneratedFile[], layout: Layout): void {
  const display = (file: GeneratedFile) => `${layout.contentDir}${path.sep}${file.rel}`;
  const skippedByFile = problemsByFile(report, files.map(display));

  for (const file of files) {
    const problems = skippedByFile.get(display(file)) ?? [];
    if (file.kind === 'invalid') {
      expect(problems, `${file.rel} is reported once`).toHaveLength(1);
      expect(file.fields, `${file.rel}: ${problems[0]!.reason}`).toContain(problems[0]!.field);
    }
    if (file.kind === 'valid') expectArticleKept(file, problems, layout);
  }
  const { counts } = report;
  expect(counts.files).toBe(files.length);
  expect(counts.skipped + counts.duplicates + counts.articles + counts.unpublished).toBe(counts.files);
}

/** Builds the layout's content: the build must not throw nor write anywhere but its output folder. */
async function buildConfined(layout: Layout): Promise<BuildReport> {
  const before = entriesUnder(layout.parent, 'out');
  const targets = escapeTargets(layout);
  // Never throws: a rejection fails the property with the error.
  const report = await buildFeed({ contentDirs: [layout.contentDir], outDir: layout.outDir });
  expect(report.ok).toBe(true);
  expect(entriesUnder(layout.parent, 'out')).toEqual(before);
  expect(escapeTargets(layout)).toEqual(targets);
  expectConfined(layout.outDir);
  return report;
}

/** Writes `files` into a fresh layout, runs `check` on it, and removes it whatever happens. */
async function inLayout(files: Pick<GeneratedFile, 'rel' | 'bytes'>[], check: (layout: Layout) => Promise<void>) {
  const layout = writeLayout(files);
  try {
    await check(layout);
  } finally {
    rmSync(layout.parent, { recursive: true, force: true });
  }
}

function checkBuild(files: GeneratedFile[]): Promise<void> {
  return inLayout(files, async (layout) => expectReport(await buildConfined(layout), files, layout));
}

describe('building hostile article files', () => {
  it('never throws, writes only inside the output folder, keeps valid articles, reports invalid files', async () => {
    await fc.assert(fc.asyncProperty(batchArb, checkBuild), { numRuns: 100, seed });
  }, 60_000);

  it('the CLI exits 0 without --strict and prints each invalid file as path: field: reason', async () => {
    // Three batches in one build; a prefix keeps their file names, slugs and URLs apart.
    const unique = fc.sample(batchArb, { numRuns: 3, seed: seed ?? 42 }).flatMap((files, k) =>
      files.map((file) => ({
        ...file,
        bytes: Buffer.from(
          Buffer.from(file.bytes).toString('latin1').replace('//valid.example/', `//valid.example/s${k}/`),
          'latin1',
        ),
        rel: path.join(path.dirname(file.rel), `s${k}${path.basename(file.rel)}`),
        expectedSlug: file.expectedSlug && `s${k}${file.expectedSlug}`,
      })),
    );
    const layout = writeLayout(unique);
    const before = entriesUnder(layout.parent, 'out');
    const cli = path.join(REPO_DIR, 'src', 'builder', 'cli.ts');
    const run = await promisify(execFile)(
      process.execPath,
      // A cache of its own, not the project's (node_modules/.cache), which would keep one a run.
      [
        '--import',
        'tsx',
        cli,
        '--content',
        layout.contentDir,
        '--out',
        layout.outDir,
        '--cache',
        mkdtempSync(path.join(rootDir(), 'cache-')),
      ],
      // Parse workers, so hostile values also cross a thread boundary.
      { cwd: REPO_DIR, env: { ...process.env, NEWSSTAND_BUILD_WORKERS: '2' }, maxBuffer: 64 << 20 },
    );
    expect(run.stdout).toMatch(/^\d+ articles, \d+ skipped, \d+ duplicates, \d+ unpublished\nwrote \d+ .*\n$/);
    for (const file of unique.filter((f) => f.kind === 'invalid')) {
      const prefix = `${layout.contentDir}${path.sep}${file.rel}: `;
      const line = run.stderr.split('\n').find((l) => l.startsWith(prefix) && !l.includes(': warning: '));
      expect(line, file.rel).toBeDefined();
      expect(file.fields).toContain(line!.slice(prefix.length).split(': ')[0]);
    }
    expect(entriesUnder(layout.parent, 'out')).toEqual(before);
    expectConfined(layout.outDir);
    const report = JSON.parse(readFileSync(path.join(layout.outDir, feedPaths.buildReport()), 'utf8')) as BuildReport;
    expect(report.workers).toBe(2);
    expectReport(report, unique, layout);
  }, 60_000);
});

// ---------------------------------------------------------------- taxonomy files

/** `topics/*.yaml` are plain YAML; `organizations/*.md` hold front matter. */
type TaxonomyKind = 'topic' | 'organization';

interface TaxonomyFile {
  kind: TaxonomyKind;
  rel: string;
  bytes: Uint8Array;
  /** Whether the build must take the file, must report it, or may do either. */
  outcome: 'taken' | 'reported' | 'either';
  /** The fields a report may name for it. */
  fields: string[];
}

/** Each makes a taxonomy file unusable: reported once, and the build goes on. */
const TAXONOMY_FAULTS = [
  'broken YAML',
  'a list',
  'a scalar',
  'empty',
  'duplicate key',
  'unknown alias',
  'unknown tag',
  'bad merge',
  'too deep',
  'raw control character',
  'invalid UTF-8',
  'no name',
] as const;
type TaxonomyFault = (typeof TAXONOMY_FAULTS)[number];

/** Few, so that files often share an `_id` or a domain (the first file by path wins). */
const TOPIC_IDS = ['ai', 'AI', 'Power Apps', 'power-apps', '../../x', 'a/../../b', '%2e%2e%2f', '<b>bold</b>'];
const DOMAINS = ['example.com', 'EXAMPLE.com', 'www.example.com', 'news.example.org'];
/** Values that leave a topic or an organization without a name. */
const NO_NAMES: unknown[] = [
  MISSING,
  null,
  42,
  [],
  new YamlMap([['name', 'x']]),
  '   ',
  '\u0000\t\n',
  '&nbsp;',
  bomb(2),
];

const YAML_FIELD: Record<TaxonomyKind, string> = { topic: 'taxonomy', organization: 'front matter' };
const NAME_FIELD: Record<TaxonomyKind, string> = { topic: 'name', organization: 'domain' };

/** A name the builder must take: any hostile text (HTML, huge, path-like) that is not blank. */
const taxonomyName = fc.oneof(
  hostileText.filter((text) => expectedTitle(text) !== ''),
  fc.constantFrom(...MARKUP, ...HOSTILE_PATHS),
);

const taxonomySpec = fc.record({
  kind: fc.constantFrom<TaxonomyKind>('topic', 'organization'),
  name: taxonomyName,
  id: fc.constantFrom(...TOPIC_IDS),
  domain: fc.constantFrom(...DOMAINS),
  content: fc.oneof(
    fc.constant({ type: 'good' as const }),
    fc
      .uniqueArray(fc.tuple(fc.oneof(fc.constantFrom('name', '_id', 'domain'), hostileKey), hostileValue), {
        maxLength: 5,
        selector: ([key]) => key,
      })
      .map((entries) => ({ type: 'hostile' as const, entries })),
    fc
      .record({ fault: fc.constantFrom(...TAXONOMY_FAULTS), noName: fc.constantFrom(...NO_NAMES) })
      .map((fault) => ({ type: 'fault' as const, ...fault })),
  ),
  fragment: fc.constantFrom(...NAME_FRAGMENTS),
  subdir: fc.option(fc.constantFrom(...SUBDIRS), { nil: undefined }),
});
type TaxonomySpec = typeof taxonomySpec extends fc.Arbitrary<infer T> ? T : never;

/** The YAML lines of a faulty file: the good ones, broken as `fault` says. */
function faultyLines(lines: string[], fault: TaxonomyFault): string[] {
  switch (fault) {
    case 'broken YAML':
      return [...lines, 'broken: [unclosed, "list'];
    case 'a list':
      return ['- name: "A list, not a mapping"', '- ../../x'];
    case 'a scalar':
      return ['"/etc/passwd"'];
    case 'empty':
      return ['# nothing here'];
    case 'duplicate key':
      return [...lines, 'twice: 1', 'twice: "../../x"'];
    case 'unknown alias':
      return [...lines, 'extra: *nowhere'];
    case 'unknown tag':
      return [...lines, 'extra: !!js/function "function () { process.exit(1) }"'];
    case 'bad merge':
      return [...lines, '<<: "../../x"'];
    case 'too deep':
      return [...lines, `extra: ${'['.repeat(5_000)}${']'.repeat(5_000)}`];
    case 'raw control character':
      return [...lines, 'extra: "bell \u0007 escape \u001b nul \u0000"'];
    case 'invalid UTF-8':
    case 'no name':
      return lines;
  }
}

function taxonomyFile(spec: TaxonomySpec, i: number): TaxonomyFile {
  const { kind, content } = spec;
  let entries: Entry[] =
    kind === 'topic'
      ? [
          ['name', spec.name],
          ['_id', spec.id],
        ]
      : [
          ['name', spec.name],
          ['domain', spec.domain],
        ];
  let outcome: TaxonomyFile['outcome'] = 'taken';
  let fields: string[] = [];
  if (content.type === 'hostile') {
    entries = content.entries;
    outcome = 'either';
    fields = [YAML_FIELD[kind], NAME_FIELD[kind]];
  }
  if (content.type === 'fault') {
    if (content.fault === 'no name') {
      entries = entries.filter(([key]) => key !== 'name');
      if (content.noName !== MISSING) entries.push(['name', content.noName]);
    }
    outcome = 'reported';
    fields = [
      content.fault === 'invalid UTF-8' ? 'file' : content.fault === 'no name' ? NAME_FIELD[kind] : YAML_FIELD[kind],
    ];
  }
  // Every file defines the bomb's anchors, so any value may refer to them.
  let lines = [...BOMB_LINES, ...entries.map(([key, value]) => `${yamlString(key)}: ${toYaml(value)}`)];
  if (content.type === 'fault') lines = faultyLines(lines, content.fault);
  const text = kind === 'topic' ? `${lines.join('\n')}\n` : ['---', ...lines, '---', 'Body.'].join('\n');
  let bytes: Uint8Array = Buffer.from(text);
  if (content.type === 'fault' && content.fault === 'invalid UTF-8') {
    const at = text.lastIndexOf('\n', text.length - 2) + 1;
    bytes = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xc3, 0x28]), Buffer.from(text.slice(at))]);
  }
  const name = `t${i}x-${spec.fragment}${kind === 'topic' ? '.yaml' : '.md'}`;
  const dir = kind === 'topic' ? 'topics' : 'organizations';
  return { kind, rel: path.join(spec.subdir ?? '', dir, name), bytes, outcome, fields };
}

/** Valid articles that name topics by the taxonomy's ids and hostile names. */
const taxonomyBatchArb = fc
  .record({
    articles: fc.array(
      fc.tuple(validSpec, fc.array(fc.oneof(fc.constantFrom(...TOPIC_IDS), taxonomyName), { maxLength: 3 })),
      { minLength: 1, maxLength: 3 },
    ),
    taxonomy: fc.array(taxonomySpec, { minLength: 1, maxLength: 6 }),
  })
  .map(({ articles, taxonomy }) => ({
    articles: articles.map(([spec, topics], i) =>
      validFile({ ...spec, extras: [...spec.extras.filter(([key]) => key !== 'topics'), ['topics', topics]] }, i),
    ),
    taxonomy: taxonomy.map(taxonomyFile),
  }))
  .map(({ articles, taxonomy }) => {
    for (const file of [...articles, ...taxonomy]) Object.assign(file, { [fc.toStringMethod]: describeFile });
    return { articles, taxonomy };
  });

function checkTaxonomyBuild({ articles, taxonomy }: { articles: GeneratedFile[]; taxonomy: TaxonomyFile[] }) {
  const files = [...articles, ...taxonomy];
  return inLayout(files, async (layout) => {
    const report = await buildConfined(layout);
    const display = (file: { rel: string }) => `${layout.contentDir}${path.sep}${file.rel}`;
    const skippedByFile = problemsByFile(report, files.map(display));
    for (const file of taxonomy) {
      const problems = skippedByFile.get(display(file)) ?? [];
      if (file.outcome === 'taken') expect(problems, `${file.rel} is taken`).toEqual([]);
      if (file.outcome === 'reported') expect(problems, `${file.rel} is reported once`).toHaveLength(1);
      expect(problems.length, `${file.rel} is reported once at most`).toBeLessThanOrEqual(1);
      for (const problem of problems) expect(file.fields, `${file.rel}: ${problem.reason}`).toContain(problem.field);
    }
    for (const file of articles) expectArticleKept(file, skippedByFile.get(display(file)) ?? [], layout);
  });
}

describe('building hostile taxonomy files', () => {
  it('never throws, writes only inside the output folder, reports bad files by field and keeps valid articles', async () => {
    await fc.assert(fc.asyncProperty(taxonomyBatchArb, checkTaxonomyBuild), { numRuns: 40, seed });
  }, 60_000);
});
