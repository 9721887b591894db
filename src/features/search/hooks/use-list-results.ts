import { useSuspenseQuery } from '@tanstack/react-query';
import { feedQueries } from '../../../feed/queries';
import type { Manifest } from '../../../feed/schema';
import type { ListRef } from '../../../feed/urls';
import { listSource, type ResultSource } from '../utils/result-source';

/** Results that are one list of the feed: its count comes from the manifest, nothing else loads. */
export function useListResults(list: ListRef): ResultSource {
  const { data: manifest } = useSuspenseQuery(feedQueries.manifest());
  return listSource(list, listCount(manifest, list), manifest.pageSize);
}

function listCount(manifest: Manifest, list: ListRef): number {
  switch (list.kind) {
    case 'all':
      return manifest.articleCount;
    case 'topic':
      return manifest.topics.find((topic) => topic.slug === list.slug)?.count ?? 0;
    case 'provider':
      return manifest.providers.find((provider) => provider.slug === list.slug)?.count ?? 0;
  }
}
