import type { CompiledFacets } from './compiled-facets';

export type RowOrder = 'newest' | 'trending' | 'quality';

// Rows and scores are packed into one float64 key and sorted natively, without a comparator.
const ROW_BITS = 2 ** 22; // room for 4 million rows
const MAX_SCORE = 2 ** 30; // packs exactly: (MAX_SCORE + 1) * ROW_BITS < 2 ** 53

/**
 * `rows` (ascending, i.e. oldest first: see FacetIndexSchema) in the given order: newest first,
 * or by heat for trending, by quality for quality, highest first, unmeasured (-1) last, ties
 * newest first. Returns a new array.
 */
export function sortRows(rows: Uint32Array, facets: CompiledFacets, order: RowOrder): Uint32Array {
  if (order === 'newest') return rows.toReversed();
  const scores = order === 'trending' ? facets.heat : facets.quality;
  const keys = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const score = scores[row]!;
    const rank = score < 0 ? MAX_SCORE : MAX_SCORE - 1 - Math.min(score, MAX_SCORE - 1);
    // The newer (the higher row) first among equal scores.
    keys[i] = rank * ROW_BITS + (ROW_BITS - 1 - row);
  }
  keys.sort();
  const sorted = new Uint32Array(rows.length);
  for (let i = 0; i < keys.length; i++) sorted[i] = ROW_BITS - 1 - (keys[i]! % ROW_BITS);
  return sorted;
}
