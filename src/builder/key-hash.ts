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
 * A URL key as 64 bits (two FNV-1a hashes): the state keeps ~200k of them at 100k articles, far
 * smaller than the keys. A patch only ever refuses on a match (and checks a match it uses
 * against the article's own URLs), so a collision can cost a full build, never a wrong feed.
 */
export function keyHash(key: string): bigint {
  const [a, b] = fnv64(key);
  return (BigInt(a >>> 0) << 32n) | BigInt(b >>> 0);
}

/** Sorted, distinct hashes of `keys`. */
export function keyHashes(keys: Iterable<string>): BigUint64Array {
  const hashes = BigUint64Array.from(keys, keyHash).sort();
  let kept = 0;
  for (let i = 0; i < hashes.length; i++) if (i === 0 || hashes[i] !== hashes[i - 1]) hashes[kept++] = hashes[i]!;
  return hashes.slice(0, kept);
}

/** Index of `hash` in sorted `hashes`, or -1. */
export function findHash(hashes: BigUint64Array, hash: bigint): number {
  let low = 0;
  let high = hashes.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (hashes[mid]! < hash) low = mid + 1;
    else high = mid;
  }
  return low < hashes.length && hashes[low] === hash ? low : -1;
}
