/**
 * Text search over the term shards: every query term must match (AND); the last one matches as
 * a prefix, so results follow the reader's typing. Words are split exactly as the builder did.
 */
import type { TermShard } from '../../../feed/schema';
import { termShardKey, tokenize } from '../../../feed/text';

export type TermRows = TermShard['terms'];

/** The terms of a free-text query, in order, without repeats. */
export function queryTerms(q: string): string[] {
  return [...new Set(tokenize(q))];
}

/** The term shards a query needs, deduplicated. */
export function termShardKeys(terms: readonly string[]): string[] {
  return [...new Set(terms.map(termShardKey))];
}

/**
 * The rows (ascending) whose text contains every term. `shards` maps a shard key to its terms,
 * or to null when the shard does not exist (no word starts that way).
 */
export function matchTerms(
  terms: readonly string[],
  shards: ReadonlyMap<string, TermRows | null>,
  rowCount: number,
): Uint32Array {
  let result: Uint32Array | null = null;
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i]!;
    const shard = shards.get(termShardKey(term)) ?? null;
    if (!shard) return new Uint32Array(0);
    const isLast = i === terms.length - 1;
    const rows = isLast ? prefixRows(term, shard, rowCount) : decodeRows(shard[term]);
    result = result ? intersectSorted(result, rows) : rows;
    if (result.length === 0) break;
  }
  return result ?? new Uint32Array(0);
}

/** Row lists are stored as the first row, then the gaps. */
export function decodeRows(deltas: readonly number[] | undefined): Uint32Array {
  if (!deltas) return new Uint32Array(0);
  const rows = new Uint32Array(deltas.length);
  let row = 0;
  for (let i = 0; i < deltas.length; i++) {
    row += deltas[i]!;
    rows[i] = row;
  }
  return rows;
}

function prefixRows(prefix: string, shard: TermRows, rowCount: number): Uint32Array {
  const matching = Object.keys(shard).filter((term) => term.startsWith(prefix));
  if (matching.length === 1) return decodeRows(shard[matching[0]!]);
  const seen = new Uint8Array(rowCount);
  let found = 0;
  for (const term of matching) {
    const deltas = shard[term]!;
    let row = 0;
    for (let i = 0; i < deltas.length; i++) {
      row += deltas[i]!;
      if (row < rowCount && seen[row] === 0) {
        seen[row] = 1;
        found++;
      }
    }
  }
  const rows = new Uint32Array(found);
  let next = 0;
  for (let row = 0; row < rowCount && next < found; row++) if (seen[row] === 1) rows[next++] = row;
  return rows;
}

export function intersectSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let found = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out[found++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.slice(0, found);
}
