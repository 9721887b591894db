/**
 * Text normalization shared by the builder (which indexes) and the reader (which queries),
 * so a word is split and folded the same way on both sides.
 */

const STOP_WORDS = new Set(
  'a an and are as at be by for from has have in is it its of on or that the this to was were will with'.split(' '),
);

/** Lower-case, accent-free words of two or more letters or digits, stop words removed. */
export function tokenize(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  const words = folded.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((word) => word.length >= 2 && !STOP_WORDS.has(word));
}

/**
 * The shard that holds a term: its first two characters when they are ASCII letters or
 * digits, else their code points in hex, so the key is always a safe file name.
 */
export function termShardKey(term: string): string {
  const head = [...term].slice(0, 2).join('');
  return /^[a-z0-9]{2}$/.test(head) ? head : 'u' + [...head].map((ch) => ch.codePointAt(0)!.toString(16)).join('-');
}
