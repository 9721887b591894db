/**
 * A fast path for the block-style YAML that generated front matter is written in: nested
 * mappings and lists, one `key: value` a line, values plain or in double quotes.
 *
 * js-yaml stays the parser of record. This reads only a strict subset and gives up
 * (`undefined`) on anything else — a comment, a quote style, a multi-line value, an indent it
 * does not expect, a duplicate key — so js-yaml then reads the file and reports what is wrong.
 * Whatever it returns, js-yaml would return too (with the builder's schema: no timestamps);
 * test/builder/simple-yaml.property.test.ts holds it to that on real and generated files. It
 * exists for speed: ~10 µs a typical article where js-yaml takes 35–60 µs, which made YAML the
 * largest single cost of a 100k-file build.
 */

interface Line {
  indent: number;
  /** The line without its indent and trailing whitespace. */
  text: string;
}

/** Thrown inside the parser for "not the subset"; never escapes it. */
const GIVE_UP = Symbol('not simple YAML');

/**
 * The front matter's fields, or undefined when the source is not the simple subset (or is empty,
 * or not a mapping): the caller then parses it with js-yaml.
 */
export function parseSimpleYaml(source: string): Record<string, unknown> | undefined {
  // js-yaml refuses these characters anywhere in the stream; let it say so. A lone \r is a line break.
  if (source.includes('\r') || (MAYBE_NON_PRINTABLE.test(source) && NON_PRINTABLE.test(source))) return undefined;
  const lines = splitLines(source);
  if (!lines || lines.length === 0 || lines[0]!.indent !== 0) return undefined;
  try {
    const cursor = { lines, next: 0 };
    const mapping = readMapping(cursor, 0);
    return cursor.next === lines.length ? mapping : undefined;
  } catch (error) {
    // Giving up, or a stack overflow on hostile nesting (one call a level): js-yaml decides.
    if (error === GIVE_UP || error instanceof RangeError) return undefined;
    throw error;
  }
}

// js-yaml's own test (PATTERN_NON_PRINTABLE): C0/C1 controls but tab and line ends, and unpaired
// surrogates. The first is a cheaper test that any text which fails the second also fails:
// paired surrogates (emoji) pass the second.
// eslint-disable-next-line no-control-regex -- as below
const MAYBE_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF\uD800-\uDFFF]/;
const NON_PRINTABLE =
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

/** Non-blank lines with their indents; null when a line is indented with a tab or holds a comment. */
function splitLines(source: string): Line[] | null {
  const lines: Line[] = [];
  let start = 0;
  while (start <= source.length) {
    let end = source.indexOf('\n', start);
    if (end === -1) end = source.length;
    let indent = start;
    while (indent < end && source.charCodeAt(indent) === SPACE) indent++;
    let last = end;
    while (last > indent && isBlank(source.charCodeAt(last - 1))) last--;
    if (last > indent) {
      const first = source.charCodeAt(indent);
      // A tab in the indent, a comment line, or a document marker: not ours.
      if (
        first === TAB ||
        first === HASH ||
        (indent === start && (source.startsWith('---', start) || source.startsWith('...', start)))
      ) {
        return null;
      }
      lines.push({ indent: indent - start, text: source.slice(indent, last) });
    }
    start = end + 1;
  }
  return lines;
}

const SPACE = 0x20;
const TAB = 0x09;
const HASH = 0x23;
const QUOTE = 0x22;
const COLON = 0x3a;
const UNDERSCORE = 0x5f;
const DASH = 0x2d;

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB || code === 0x0d;
}

interface Cursor {
  lines: Line[];
  next: number;
}

/** `key: value` lines at exactly this indent, and the blocks nested under them. */
function readMapping(cursor: Cursor, indent: number, first?: string): Record<string, unknown> {
  const mapping: Record<string, unknown> = {};
  let text = first;
  for (;;) {
    if (text === undefined) {
      const line = cursor.lines[cursor.next];
      if (!line || line.indent < indent) return mapping;
      if (line.indent > indent) throw GIVE_UP;
      text = line.text;
    }
    cursor.next++;
    const colon = keyLength(text);
    if (colon === -1) throw GIVE_UP;
    const key = text.slice(0, colon);
    // A duplicate key is an error js-yaml reports; __proto__ it defines as an own field.
    if (Object.hasOwn(mapping, key) || key === '__proto__') throw GIVE_UP;
    let start = colon + 1;
    while (text.charCodeAt(start) === SPACE) start++;
    mapping[key] = start === text.length ? readNested(cursor, indent) : scalarAfter(cursor, indent, text.slice(start));
    text = undefined;
  }
}

/**
 * The length of the key when the text is a plain key (`[A-Za-z_][A-Za-z0-9_-]*`), a colon, then
 * nothing or a space; otherwise -1. By hand: a regular expression costs more than the rest of a line.
 */
function keyLength(text: string): number {
  const first = text.charCodeAt(0);
  if (!(isLetter(first) || first === UNDERSCORE)) return -1;
  for (let i = 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === COLON) {
      const after = text.charCodeAt(i + 1);
      return Number.isNaN(after) || after === SPACE ? i : -1;
    }
    if (!(isLetter(code) || isDigit(code) || code === UNDERSCORE || code === DASH)) return -1;
  }
  return -1;
}

function isLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** `- item` lines at exactly this indent: scalars, or mappings that start on the dash's line. */
function readSequence(cursor: Cursor, indent: number): unknown[] {
  const items: unknown[] = [];
  for (;;) {
    const line = cursor.lines[cursor.next];
    if (!line || line.indent < indent) return items;
    if (line.indent > indent || !line.text.startsWith('- ')) throw GIVE_UP;
    let offset = 2;
    while (line.text.charCodeAt(offset) === SPACE) offset++;
    const rest = line.text.slice(offset);
    if (keyLength(rest) !== -1) {
      items.push(readMapping(cursor, indent + offset, rest));
    } else {
      cursor.next++;
      items.push(scalarAfter(cursor, indent, rest));
    }
  }
}

/** The block under `key:` (more indented), or null when the next line is not more indented. */
function readNested(cursor: Cursor, indent: number): unknown {
  const line = cursor.lines[cursor.next];
  if (!line || line.indent <= indent) {
    // `key:` then `- item` at the same indent is a list in YAML; leave that form to js-yaml.
    if (line && line.indent === indent && line.text.startsWith('-')) throw GIVE_UP;
    return null;
  }
  return line.text.startsWith('- ') ? readSequence(cursor, line.indent) : readMapping(cursor, line.indent);
}

/** A one-line value; the next line must not continue it (YAML would fold it in). */
function scalarAfter(cursor: Cursor, indent: number, text: string): unknown {
  const next = cursor.lines[cursor.next];
  if (next && next.indent > indent) throw GIVE_UP;
  return text.charCodeAt(0) === QUOTE ? doubleQuoted(text) : plainScalar(text);
}

/** A double-quoted value that closes on its line, with only the common escapes. */
function doubleQuoted(text: string): string {
  if (text.length < 2 || text.charCodeAt(text.length - 1) !== QUOTE) throw GIVE_UP;
  const body = text.slice(1, -1);
  if (!body.includes('\\')) {
    if (body.includes('"')) throw GIVE_UP;
    return body;
  }
  let value = '';
  let from = 0;
  for (;;) {
    const slash = body.indexOf('\\', from);
    const quote = body.indexOf('"', from);
    if (quote !== -1 && (slash === -1 || quote < slash)) throw GIVE_UP;
    if (slash === -1) return value + body.slice(from);
    value += body.slice(from, slash);
    const escape = body[slash + 1];
    const simple = escape === undefined ? undefined : SIMPLE_ESCAPES[escape];
    if (simple !== undefined) {
      value += simple;
      from = slash + 2;
    } else if (escape === 'u' && UNICODE_ESCAPE.test(body.slice(slash + 2, slash + 6))) {
      const code = Number.parseInt(body.slice(slash + 2, slash + 6), 16);
      if (code >= 0xd800 && code <= 0xdfff) throw GIVE_UP;
      value += String.fromCharCode(code);
      from = slash + 6;
    } else {
      throw GIVE_UP;
    }
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', n: '\n', r: '\r', t: '\t' };
const UNICODE_ESCAPE = /^[0-9A-Fa-f]{4}$/;

/**
 * A plain value of a shape whose meaning is certain: a decimal integer, true or false, an ISO
 * date-time, or text that starts with a letter or a slash (so no YAML indicator, number or null)
 * and holds no tab, no `: ` and no ` #`. Anything else (null, floats, hex, `~`, a leading quote,
 * bracket or symbol ...) is left to js-yaml.
 */
function plainScalar(text: string): unknown {
  if (INTEGER.test(text)) return Number(text);
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (ISO_DATE_TIME.test(text)) return text;
  if (!RESERVED_WORDS.has(text) && WORDS.test(text)) return text;
  throw GIVE_UP;
}

// At most 15 digits: every such number is exact as a double, as js-yaml reads it.
const INTEGER = /^(?:0|-?[1-9][0-9]{0,14})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const WORDS = /^[A-Za-z/](?:[^\t:#]|:(?=[^ ])|(?<! )#)*$/;
/** Words YAML's core schema reads as null or booleans. */
const RESERVED_WORDS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
