/**
 * The facet index as typed arrays: one column per field, row i is article i of the "all" list.
 * Compact and allocation-free to scan, and transferable as-is to a Web Worker.
 */
import type { FacetIndex } from '../../../feed/schema';

export interface CompiledFacets {
  readonly count: number;
  readonly publishedMinute: Float64Array;
  readonly provider: Int32Array;
  readonly video: Uint8Array;
  readonly heat: Int32Array;
  readonly quality: Int32Array;
  /** Topics of row r are topicValues[topicStart[r] .. topicStart[r + 1]). */
  readonly topicStart: Uint32Array;
  readonly topicValues: Uint32Array;
}

const compiled = new WeakMap<FacetIndex, CompiledFacets>();

/** Compile once per loaded index; later calls with the same object are free. */
export function compileFacets(index: FacetIndex): CompiledFacets {
  const cached = compiled.get(index);
  if (cached) return cached;
  const { count } = index;
  const topicStart = new Uint32Array(count + 1);
  let total = 0;
  for (let row = 0; row < count; row++) total += index.topics[row]?.length ?? 0;
  const topicValues = new Uint32Array(total);
  let next = 0;
  for (let row = 0; row < count; row++) {
    topicStart[row] = next;
    const topics = index.topics[row];
    if (!topics) continue;
    for (let i = 0; i < topics.length; i++) topicValues[next++] = topics[i]!;
  }
  topicStart[count] = next;
  const facets: CompiledFacets = {
    count,
    publishedMinute: Float64Array.from(index.publishedMinute),
    provider: Int32Array.from(index.provider),
    video: Uint8Array.from(index.video),
    heat: Int32Array.from(index.heat),
    quality: Int32Array.from(index.quality),
    topicStart,
    topicValues,
  };
  compiled.set(index, facets);
  return facets;
}
