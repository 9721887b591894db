import type { CompiledFacets } from './compiled-facets';

/** What a row must satisfy; every field is already resolved to index numbers. */
export interface RowCriteria {
  /** A topic every row must have (a topic page); -1 for none. Any other value matches no topic. */
  requiredTopic: number;
  /** When set, a row must have at least one topic whose flag is 1. */
  anyTopic: Uint8Array | null;
  /** -1 for any provider; a value no row has (e.g. -2) matches nothing. */
  provider: number;
  /** -1 any, 0 articles, 1 videos. */
  video: number;
  /** Inclusive bounds in minutes since the epoch. */
  fromMinute: number;
  toMinute: number;
}

export const ANY_ROW: RowCriteria = {
  requiredTopic: -1,
  anyTopic: null,
  provider: -1,
  video: -1,
  fromMinute: -Infinity,
  toMinute: Infinity,
};

/**
 * The rows that satisfy `criteria`, ascending (so oldest first). With `candidates` (sorted rows
 * from the text index) only those are checked. One pass, no allocation per row.
 */
export function filterRows(facets: CompiledFacets, criteria: RowCriteria, candidates: Uint32Array | null): Uint32Array {
  const { publishedMinute, provider, video, topicStart, topicValues } = facets;
  const { requiredTopic, anyTopic, fromMinute, toMinute } = criteria;
  const wantProvider = criteria.provider;
  const wantVideo = criteria.video;
  const checkTopics = requiredTopic !== -1 || anyTopic !== null;
  const total = candidates ? candidates.length : facets.count;
  const out = new Uint32Array(total);
  let found = 0;
  for (let i = 0; i < total; i++) {
    const row = candidates ? candidates[i]! : i;
    if (wantProvider !== -1 && provider[row] !== wantProvider) continue;
    if (wantVideo !== -1 && video[row] !== wantVideo) continue;
    const minute = publishedMinute[row]!;
    if (minute < fromMinute || minute > toMinute) continue;
    if (checkTopics) {
      let hasRequired = requiredTopic === -1;
      let hasAny = anyTopic === null;
      const end = topicStart[row + 1]!;
      for (let t = topicStart[row]!; t < end; t++) {
        const topic = topicValues[t]!;
        if (topic === requiredTopic) hasRequired = true;
        if (anyTopic !== null && anyTopic[topic] === 1) hasAny = true;
      }
      if (!hasRequired || !hasAny) continue;
    }
    out[found++] = row;
  }
  return out.slice(0, found);
}
