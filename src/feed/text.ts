/**
 * Text normalization shared by the builder (which indexes) and the reader (which queries),
 * so a word is split and folded the same way on both sides.
 */

const STOP_WORDS = new Set(
  'a an and are as at be by for from has have in is it its of on or that the this to was were will with'.split(' '),
);
/** Longer words, most of them, need no lookup in STOP_WORDS. */
const MAX_STOP_WORD_LENGTH = Math.max(...[...STOP_WORDS].map((word) => word.length));

/** Lower-case, accent-free words of two or more letters or digits, stop words removed. */
export function tokenize(text: string): string[] {
  const folded = text.normalize('NFKD').replace(MARKS, '').toLowerCase();
  const words: string[] = [];
  let start = -1;
  // Words are runs of \p{L} and \p{N}, as /[\p{L}\p{N}]+/gu would match them: by hand, at
  // half that expression's cost on the corpus's mostly ASCII titles and excerpts.
  for (let i = 0; i <= folded.length;) {
    const width = i < folded.length ? wordCharWidth(folded, i) : 0;
    if (width > 0) {
      if (start === -1) start = i;
      i += width;
      continue;
    }
    if (start !== -1) {
      const word = folded.slice(start, i);
      if (word.length >= 2 && !(word.length <= MAX_STOP_WORD_LENGTH && STOP_WORDS.has(word))) words.push(word);
      start = -1;
    }
    i++;
  }
  return words;
}

/** The words of tokenize, each once, in order of first appearance. */
export function distinctTerms(text: string): string[] {
  return [...new Set(tokenize(text))];
}

const MARKS = /\p{M}+/gu;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/uy;

/** UTF-16 units of the letter or digit at `i` (2 for one outside the BMP), or 0. */
function wordCharWidth(text: string, i: number): number {
  const code = text.charCodeAt(i);
  // After toLowerCase, ASCII letters are a-z.
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) ? 1 : 0;
  LETTER_OR_NUMBER.lastIndex = i;
  return LETTER_OR_NUMBER.test(text) ? LETTER_OR_NUMBER.lastIndex - i : 0;
}

/** An ASCII lowercase letter or digit (NaN past the end: not one). */
function isKeyChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

/**
 * The shard that holds a term: its first two characters when they are ASCII letters or
 * digits, else their code points in hex, so the key is always a safe file name.
 */
export function termShardKey(term: string): string {
  // Most terms: found without splitting the term into code points (a patch asks for every term's).
  if (isKeyChar(term.charCodeAt(0)) && isKeyChar(term.charCodeAt(1))) return term.slice(0, 2);
  const head = [...term].slice(0, 2).join('');
  return /^[a-z0-9]{2}$/.test(head) ? head : 'u' + [...head].map((ch) => ch.codePointAt(0)!.toString(16)).join('-');
}
