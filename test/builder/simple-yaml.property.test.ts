// @vitest-environment node
/**
 * The front-matter fast path (src/builder/simple-yaml.ts) against js-yaml, the parser of record:
 * whenever the fast path returns fields, js-yaml must return the same fields, on the real corpus,
 * on a synthetic corpus, and on generated YAML full of the forms the fast path must refuse.
 *
 * fast-check prints the seed and path of a failure; `FC_SEED=<seed>` replays it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { decodeText, FRONT_MATTER_SCHEMA, frontMatterSource, splitFrontMatter } from '../../src/builder/read-articles';
import { parseSimpleYaml } from '../../src/builder/simple-yaml';
import { makeCorpus } from '../bench/make-corpus';
import { CONTENT_DIR, tempDir } from './helpers';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

/** js-yaml's reading of the source, or 'error'. */
function jsYaml(source: string): unknown {
  try {
    return yaml.load(source, { schema: FRONT_MATTER_SCHEMA });
  } catch {
    return 'error';
  }
}

/** The fast path's reading, held to js-yaml's; true when the fast path read it. */
function agreesWithJsYaml(source: string): boolean {
  const fast = parseSimpleYaml(source);
  if (fast === undefined) return false;
  expect(fast, source).toStrictEqual(jsYaml(source));
  return true;
}

/** The YAML that the builder parses from each article, organization and topic file under `dir`. */
function frontMatters(dir: string): string[] {
  const sources: string[] = [];
  const walk = (sub: string) => {
    for (const entry of readdirSync(sub, { withFileTypes: true })) {
      const file = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.md'))
        sources.push(frontMatterSource(splitFrontMatter(decodeText(readFileSync(file))).yaml));
      else if (entry.name.endsWith('.yaml')) sources.push(decodeText(readFileSync(file)));
    }
  };
  walk(dir);
  return sources;
}

describe('the front-matter fast path', () => {
  it('reads the real corpus as js-yaml does, and nearly all of it', () => {
    const sources = frontMatters(CONTENT_DIR);
    expect(sources.length).toBeGreaterThan(600);
    const read = sources.filter(agreesWithJsYaml).length;
    // Speed depends on the fast path taking the common case; the rest goes to js-yaml.
    expect(read / sources.length).toBeGreaterThan(0.97);
  });

  it('reads a synthetic corpus as js-yaml does', () => {
    const dir = tempDir('newsstand-simple-yaml-');
    makeCorpus({ dir, count: 400, topics: 20, providers: 40, seed: 7 });
    const sources = frontMatters(dir).filter((source) => jsYaml(source) !== 'error');
    expect(sources.filter(agreesWithJsYaml).length).toBe(sources.length);
  });

  it('never returns what js-yaml would not, whatever the YAML', () => {
    let read = 0;
    let runs = 0;
    fc.assert(
      fc.property(document, (source) => {
        runs++;
        if (agreesWithJsYaml(source)) read++;
      }),
      { seed, numRuns: 3000 },
    );
    // The property is only worth something if the fast path reads a good share of the documents.
    expect(read).toBeGreaterThan(runs / 10);
  });

  it('refuses what it must leave to js-yaml', () => {
    for (const source of [
      'a: 1\na: 2', // duplicate key: js-yaml's error
      'a: "x\n  y"', // a quoted value over two lines
      'a: x\n  y', // a plain value continued
      'a:\n- x', // a list at the key's indent
      'a: x # note', // a comment
      'a: null',
      'a: 1.5',
      'a: 0x1F',
      'a: ~',
      'a: -0', // js-yaml reads 0
      "a: 'x'",
      '__proto__: x',
      '<<: {b: 1}',
      'a: "\\x41"',
      'a: "\u0001"',
      'a: x\r\nb: y',
      // Nesting deep enough to overflow the stack of a parser that recurses once a level.
      Array.from({ length: 20_000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'),
    ]) {
      expect(parseSimpleYaml(source), source).toBeUndefined();
    }
  });
});

// ---------------------------------------------------------------- generated YAML

/** Plain values, most of them ones YAML reads as something other than text. */
const TRICKY_PLAIN = [
  'null',
  'Null',
  'NULL',
  '~',
  'true',
  'True',
  'TRUE',
  'false',
  'FALSE',
  'yes',
  'no',
  'on',
  'off',
  '0',
  '-0',
  '+1',
  '012',
  '0o17',
  '0x1F',
  '0b101',
  '1_000',
  '1e3',
  '1.5',
  '.5',
  '-.inf',
  '.NaN',
  '12345678901234567890',
  '2019-03-31',
  '2019-03-31T09:11:00Z',
  '2019-03-31 09:11',
  '2019-03-31T09:11:00+02:00',
  '1:30',
  'a: b',
  'a #b',
  'a#b',
  'a:b',
  'a:',
  "'q'",
  '"q',
  'q"',
  '[x]',
  '{x: 1}',
  '&a x',
  '*a',
  '!!str x',
  '!x',
  '|',
  '>',
  '@x',
  '`x',
  '%x',
  '-',
  '- x',
  '? x',
  ',x',
  'x,',
  '/path/x.jpg',
  'https://x.test/a?b=1#c',
  "Becker's Review",
  'EurekAlert!',
  'AT&T',
  'a\tb',
  'é',
  'x  y',
  'x \u00a0y',
  '\u2028x',
  'x\u0085y',
];

/** Characters and escapes for double-quoted values, common and hostile. */
const QUOTED_PIECES = [
  'a',
  'Z',
  ' ',
  '  ',
  'é',
  '’',
  '😀',
  '\ud83d',
  '#',
  ': ',
  '&nbsp;',
  '\\"',
  '\\\\',
  '\\/',
  '\\n',
  '\\r',
  '\\t',
  '\\u00e9',
  '\\u2019',
  '\\ud83d',
  '\\x41',
  '\\0',
  '\\ ',
  '\\',
  '"',
  '\t',
  '\u0001',
  '\u0085',
  '\u2028',
  '\ufeff',
  '\uffff',
];

const KEYS = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/) },
  fc.constantFrom('__proto__', '<<', '1', 'true', 'null', 'a b', 'k:x', '"q"', 'ü', '-a', 'a ', '? a'),
);

const plain = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY_PLAIN) },
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z/][A-Za-z0-9 .'!&/:#-]{0,12}$/) },
  fc.integer({ min: -2_000_000, max: 2_000_000 }).map(String),
);
const quotedPiece = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9 .,'’é&;#:-]{1,6}$/) },
  fc.constantFrom(...QUOTED_PIECES),
);
const quoted = fc.array(quotedPiece, { maxLength: 5 }).map((pieces) => `"${pieces.join('')}"`);
const scalar = fc.oneof({ weight: 3, arbitrary: plain }, { weight: 3, arbitrary: quoted }, fc.constant(''));

/** Extra text after a line: nothing, trailing spaces, a comment, a continuation line. */
const lineEnd = fc.oneof(
  { weight: 60, arbitrary: fc.constant('') },
  fc.constantFrom('  ', '\t', ' # note', '\n', '\n\n', '\n   more', '\n# comment', '\n\tx'),
);

type Node =
  { kind: 'scalar'; text: string } | { kind: 'map'; entries: [string, Node][] } | { kind: 'list'; items: Node[] };

const node: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: scalar.map((text): Node => ({ kind: 'scalar', text })) },
    fc
      .array(fc.tuple(KEYS, tie('node')), { minLength: 1, maxLength: 4 })
      .map((entries): Node => ({ kind: 'map', entries })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((items): Node => ({ kind: 'list', items })),
  ),
})).node;

/** Indent steps: usually two spaces, sometimes something YAML reads differently or refuses. */
const step = fc.oneof({ weight: 12, arbitrary: fc.constant(2) }, fc.constantFrom(0, 1, 3, 4));

interface Style {
  steps: number[];
  ends: string[];
}

/** Renders the tree as block YAML, taking indent steps and line ends from the style in turn. */
function render(root: [string, Node][], style: Style): string {
  let turn = 0;
  const nextStep = () => style.steps[turn++ % style.steps.length]!;
  const nextEnd = () => style.ends[turn++ % style.ends.length]!;
  const lines: string[] = [];
  const pad = (n: number) => ' '.repeat(n);

  const value = (prefix: string, indent: number, child: Node) => {
    if (child.kind === 'scalar') {
      lines.push(`${prefix}${child.text ? ` ${child.text}` : ''}${nextEnd()}`);
      return;
    }
    lines.push(prefix + nextEnd());
    block(indent + nextStep(), child);
  };
  const block = (indent: number, parent: Node) => {
    if (parent.kind === 'map') {
      for (const [key, child] of parent.entries) value(`${pad(indent)}${key}:`, indent, child);
    } else if (parent.kind === 'list') {
      for (const item of parent.items) {
        if (item.kind === 'map') {
          const [[firstKey, firstChild], ...rest] = item.entries as [[string, Node], ...[string, Node][]];
          value(`${pad(indent)}- ${firstKey}:`, indent + 2, firstChild);
          for (const [key, child] of rest) value(`${pad(indent + 2)}${key}:`, indent + 2, child);
        } else {
          value(`${pad(indent)}-`, indent, item);
        }
      }
    }
  };
  block(0, { kind: 'map', entries: root });
  return lines.join('\n');
}

const document = fc
  .tuple(
    fc.array(fc.tuple(KEYS, node), { minLength: 1, maxLength: 6 }),
    fc.array(step, { minLength: 1, maxLength: 5 }),
    fc.array(lineEnd, { minLength: 1, maxLength: 7 }),
  )
  .map(([root, steps, ends]) => render(root, { steps, ends }));
