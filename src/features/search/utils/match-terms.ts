/**
 * Text search over the term shards: every query term must match (AND); the last one matches as
 * a prefix, so results follow the reader's typing. Words are split exactly as the builder did.
 */
import type { TermShard } from '../../../feed/schema';
import { distinctTerms, termShardKey } from '../../../feed/text';

export type TermRows = TermShard['terms'];

/** The terms of a free-text query, in order, without repeats. */
export function queryTerms(q: string): string[] {
  return distinctTerms(q);
}

/** The term shards a query needs, deduplicated. */
export function termShardKeys(terms: readonly string[]): string[] {
  return [...new Set(terms.map(termShardKey))];
}

/**
 * The rows (ascending) whose text contains every term. `shards` maps a shard key to its terms,
 * or to null when the shard does not exist (no word starts that way). The result may be shared
 * with the shard's cache: read it, never write to it.
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
    const rows = isLast ? prefixRows(term, shard, rowCount) : lookupOf(shard).rows(term);
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

/**
 * A loaded shard, prepared for the queries typed against it: its terms sorted (a prefix's terms
 * are then one run, found by binary search), each term's rows decoded once, and the rows of the
 * last prefixes (typing and deleting asks for the same ones again).
 */
class ShardLookup {
  private readonly sorted: string[];
  private readonly decoded = new Map<string, Uint32Array>();
  private readonly prefixes = new Map<string, Uint32Array>();

  constructor(private readonly shard: TermRows) {
    // Code-unit order, the order of startsWith: the terms with a prefix are contiguous.
    this.sorted = Object.keys(shard).sort();
  }

  rows(term: string): Uint32Array {
    let rows = this.decoded.get(term);
    if (!rows) {
      rows = decodeRows(Object.hasOwn(this.shard, term) ? this.shard[term] : undefined);
      this.decoded.set(term, rows);
    }
    return rows;
  }

  /** The terms starting with `prefix`, in order. */
  termsFrom(prefix: string): string[] {
    const { sorted } = this;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (sorted[mid]! < prefix) low = mid + 1;
      else high = mid;
    }
    const terms: string[] = [];
    for (let i = low; i < sorted.length && sorted[i]!.startsWith(prefix); i++) terms.push(sorted[i]!);
    return terms;
  }

  cachedPrefix(prefix: string, compute: () => Uint32Array): Uint32Array {
    let rows = this.prefixes.get(prefix);
    if (!rows) {
      rows = compute();
      if (this.prefixes.size >= MAX_CACHED_PREFIXES) this.prefixes.clear();
      this.prefixes.set(prefix, rows);
    }
    return rows;
  }
}

const MAX_CACHED_PREFIXES = 64;
const lookups = new WeakMap<TermRows, ShardLookup>();

function lookupOf(shard: TermRows): ShardLookup {
  let lookup = lookups.get(shard);
  if (!lookup) {
    lookup = new ShardLookup(shard);
    lookups.set(shard, lookup);
  }
  return lookup;
}

function prefixRows(prefix: string, shard: TermRows, rowCount: number): Uint32Array {
  const lookup = lookupOf(shard);
  return lookup.cachedPrefix(`${rowCount}:${prefix}`, () => {
    const matching = lookup.termsFrom(prefix);
    if (matching.length === 1) return lookup.rows(matching[0]!);
    const seen = new Uint8Array(rowCount);
    let found = 0;
    for (const term of matching) {
      const rows = lookup.rows(term);
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
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
  });
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
