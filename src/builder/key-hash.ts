/**
 * Short texts as 64-bit hashes: slugs for list versions and row digests, URL keys for the
 * build state.
 */

/** A text's 64-bit hash: two FNV-1a hashes with different seeds, fast for short texts. */
export function fnv64(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x811c9dc5);
  }
  return [a, b];
}

/**
 * A URL key as a 52-bit number (of two FNV-1a hashes; exact in a double): the state keeps
 * ~300k of them at 100k articles, far smaller than the keys, and made without BigInt or a
 * sort (~30 ms). A patch only ever refuses on a match, and checks a match it uses against the
 * article's own URLs, so a collision can cost a full build, never a wrong feed.
 */
export function keyHash(key: string): number {
  const [a, b] = fnv64(key);
  return (a >>> 0) * 2 ** 20 + (b >>> 12);
}

/** The hashes of `keys`, in order. A patch looks one up with indexOf (a native scan: ~1 ms at 300k). */
export function keyHashes(keys: readonly string[]): Float64Array {
  return Float64Array.from(keys, keyHash);
}
