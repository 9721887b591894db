/**
 * The index side of search: fetches, validates and decodes the facet index and the term shards
 * (each once per build), then filters and sorts. Runs in the search worker, or in-thread where
 * there are no workers (jsdom tests); either way the main thread only receives row numbers.
 */
import { FeedError, fetchFeedFile } from '../../../feed/fetch-feed';
import {
  FacetIndexSchema,
  ListPageSchema,
  TermShardSchema,
  type FacetIndex,
  type ListPage,
} from '../../../feed/schema';
import { feedPaths, feedUrl } from '../../../feed/urls';
import { compileFacets, type CompiledFacets } from '../utils/compiled-facets';
import type { TermRows } from '../utils/match-terms';
import { searchRows, warmUp } from '../utils/search-rows';
import type { ListPageRequest, PrefetchRequest, SearchAnswer, SearchRequest } from './search-protocol';

export interface SearchEngine {
  search(request: SearchRequest): Promise<SearchAnswer>;
  /** Start loading the index files a search will need; a failure is left for that search to report. */
  prefetch(request: PrefetchRequest): void;
  /**
   * A page of a feed list, fetched and validated here. A screen of search results needs a page
   * of the "all" list for nearly every row: off the main thread, those fetches and checks no
   * longer hold up the frame after the new count.
   */
  listPage(request: ListPageRequest): Promise<ListPage>;
}

export function createSearchEngine(baseUrl: string): SearchEngine {
  let buildId: string | null = null;
  let facets: Promise<CompiledFacets> | null = null;
  let shards = new Map<string, Promise<TermRows | null>>();

  // A failed load is forgotten, so Retry fetches again.
  const remember = <T>(load: Promise<T>, forget: () => void) => {
    load.catch(forget);
    return load;
  };
  const loadFacets = () =>
    (facets ??= remember(
      fetchFeedFile(feedUrl(baseUrl, feedPaths.facetIndex()), FacetIndexSchema).then(compiledAndWarm),
      () => (facets = null),
    ));
  const loadShard = (key: string) => {
    let shard = shards.get(key);
    if (!shard) {
      shard = remember(fetchTermShard(baseUrl, key), () => shards.delete(key));
      shards.set(key, shard);
    }
    return shard;
  };

  const switchToBuild = (id: string) => {
    if (id === buildId) return;
    buildId = id;
    facets = null;
    shards = new Map();
  };

  return {
    async search(request) {
      switchToBuild(request.buildId);
      const requested = performance.now();
      const [compiled, ...termRows] = await Promise.all([loadFacets(), ...request.termKeys.map(loadShard)]);
      const loaded = performance.now();
      const rows = searchRows(compiled, {
        criteria: request.criteria,
        terms: request.terms,
        shards: new Map(request.termKeys.map((key, i) => [key, termRows[i] ?? null])),
        order: request.order,
      });
      // Row numbers stay far below 2^31; the view's own buffer, so it can be transferred.
      return {
        rows: new Int32Array(rows.buffer, rows.byteOffset, rows.length),
        timing: { loadMs: loaded - requested, computeMs: performance.now() - loaded },
      };
    },
    prefetch(request) {
      switchToBuild(request.buildId);
      Promise.all([loadFacets(), ...request.termKeys.map(loadShard)]).catch(() => {
        // Forgotten by remember(): the search itself loads them again and reports the failure.
      });
    },
    listPage: ({ list, page }) => fetchFeedFile(feedUrl(baseUrl, feedPaths.listPage(list, page)), ListPageSchema),
  };
}

/** The index as typed arrays, its filters and orders run once (see warmUp). */
function compiledAndWarm(index: FacetIndex): CompiledFacets {
  const facets = compileFacets(index);
  warmUp(facets);
  return facets;
}

/**
 * A term shard's terms, or null when the feed has none for that key: the builder writes shards
 * only for prefixes some word has, so a missing one is an answer ("no match"), not an error.
 */
async function fetchTermShard(baseUrl: string, key: string): Promise<TermRows | null> {
  try {
    return (await fetchFeedFile(feedUrl(baseUrl, feedPaths.termShard(key)), TermShardSchema)).terms;
  } catch (error) {
    if (error instanceof FeedError && error.kind === 'not-found') return null;
    throw error;
  }
}
