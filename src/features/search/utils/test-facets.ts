/** Small hand-made facet indexes for the unit tests of this folder. */
import { FEED_SCHEMA_VERSION, type FacetIndex } from '../../../feed/schema';

export interface TestRow {
  /** ISO timestamp. */
  at: string;
  provider?: number;
  video?: boolean;
  heat?: number;
  quality?: number;
  topics?: number[];
}

export function facetIndex(rows: readonly TestRow[]): FacetIndex {
  return {
    schemaVersion: FEED_SCHEMA_VERSION,
    listVersion: 'test',
    count: rows.length,
    publishedMinute: rows.map((row) => Math.floor(Date.parse(row.at) / 60_000)),
    provider: rows.map((row) => row.provider ?? 0),
    video: rows.map((row) => (row.video ? 1 : 0)),
    heat: rows.map((row) => row.heat ?? -1),
    quality: rows.map((row) => row.quality ?? -1),
    topics: rows.map((row) => row.topics ?? []),
  };
}
