import type { QueryClient } from '@tanstack/react-query';
import { feedQueries } from '../../../feed/queries';
import { queryTerms, termShardKeys } from '../utils/match-terms';
import { prefetchIndexFiles } from '../worker/search-runner';

/**
 * Start loading the index files a text query will need while the reader is still typing it:
 * the search box waits for a pause before searching, and the term shard (and, the first time,
 * the facet index) loads meanwhile. Never throws: the search itself reports failures.
 */
export function prefetchQueryTerms(queryClient: QueryClient, q: string): void {
  const termKeys = termShardKeys(queryTerms(q));
  if (termKeys.length === 0) return;
  queryClient.ensureQueryData(feedQueries.manifest()).then(
    (manifest) => prefetchIndexFiles(queryClient, { buildId: manifest.buildId, termKeys }),
    () => {
      // The manifest failed: the search's own loader reports it.
    },
  );
}
