/**
 * The search index's facet file (FacetIndexSchema) written from per-row arrays: by a full build
 * and by every patch alike, so both give the same bytes. A patch writes it from its state, never
 * reading the last one back (2.6 MB of JSON at 100k articles, ~0.25 s to parse and write again).
 */
import { FEED_SCHEMA_VERSION } from '../feed/schema';
import { JsonBytes } from './json-bytes';
import { listOf, type Lists } from './lists';

/** Per row of the feed (newest first), what the facet index holds. */
export interface FacetColumns {
  /** Published, ms since the epoch. */
  time: Float64Array;
  /** Index into the manifest's providers. */
  provider: Int32Array;
  /** Indexes into the manifest's topics, ascending. */
  topicsOf: Lists;
  /** ROW_FACETS a row: video (1, else 0), heat and quality (-1 when unknown). */
  rowFacets: Int32Array;
}

/** What rowFacets holds a row. */
export const ROW_FACETS = 3;

/** What rowFacets holds for an article: video (1, else 0), heat and quality (-1 when unknown). */
export function facetsOf(article: { type: string; heat: number | null; quality: number | null }): number[] {
  return [article.type === 'video' ? 1 : 0, article.heat ?? -1, article.quality ?? -1];
}

/** rowFacets for articles, in their order. */
export function rowFacetsOf(articles: readonly Parameters<typeof facetsOf>[0][]): Int32Array {
  const values = new Int32Array(articles.length * ROW_FACETS);
  articles.forEach((article, row) => values.set(facetsOf(article), row * ROW_FACETS));
  return values;
}

/** The facet index as JSON.stringify would write it: its rows counted from the oldest (see indexRowOf). */
export function facetIndexText(listVersion: string, columns: FacetColumns): Uint8Array {
  const { time, provider, topicsOf, rowFacets } = columns;
  const count = time.length;
  const text = new JsonBytes(count * 40 + 256);
  // Oldest first: the k-th index row is the feed's row count - 1 - k.
  const column = (name: string, of: (row: number) => number) => {
    text.ascii(`,"${name}":[`);
    text.ints(count, (k) => of(count - 1 - k));
    text.ascii(']');
  };
  text.ascii(`{"schemaVersion":${FEED_SCHEMA_VERSION},"listVersion":${JSON.stringify(listVersion)},"count":${count}`);
  column('publishedMinute', (row) => Math.floor(time[row]! / 60_000));
  column('provider', (row) => provider[row]!);
  column('video', (row) => rowFacets[row * ROW_FACETS]!);
  column('heat', (row) => rowFacets[row * ROW_FACETS + 1]!);
  column('quality', (row) => rowFacets[row * ROW_FACETS + 2]!);
  text.ascii(',"topics":[');
  for (let k = 0; k < count; k++) {
    const own = listOf(topicsOf, count - 1 - k);
    text.ascii(k > 0 ? ',[' : '[');
    text.ints(own.length, (i) => own[i]!);
    text.ascii(']');
  }
  text.ascii(']}');
  return text.bytes();
}
