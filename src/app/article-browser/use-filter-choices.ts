/**
 * What the filters offer, loaded as the reader needs it: the start file names the largest topics
 * and counts the rest; every topic, and every news provider, are files that grow with the feed and
 * load only when the reader asks for them (or the URL already chose one the start file does not name).
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { NewsProviderChoice } from '../../features/articles/components/article-filters/news-provider-select';
import type { TopicChoice } from '../../features/articles/components/article-filters/topic-filter';
import { feedQueries } from '../../feed/queries';
import type { FeedStart } from '../../feed/schema';

/** The topics to offer; `scopeTopic` (a topic page's own) is left out. */
export function useTopicChoice(
  start: FeedStart,
  scopeTopic: string | undefined,
  selected: readonly string[],
): TopicChoice {
  const [wanted, setWanted] = useState(false);
  const unnamed = selected.some((slug) => !start.topics.some((topic) => topic.slug === slug));
  // Once loaded (a topic page loads them for its own name), every topic is offered.
  const all = useQuery({ ...feedQueries.topics(), enabled: wanted || unnamed });
  return {
    topics: (all.data?.topics ?? start.topics).filter((topic) => topic.slug !== scopeTopic),
    total: start.topicCount - (scopeTopic ? 1 : 0),
    failed: all.isError,
    showAll: () => {
      if (all.isError) void all.refetch();
      else setWanted(true);
    },
  };
}

/** Every news provider (in the full manifest, which the search index needs too), once wanted. */
export function useNewsProviderChoice(offered: boolean, selected: string | null): NewsProviderChoice {
  const [wanted, setWanted] = useState(false);
  const manifest = useQuery({ ...feedQueries.manifest(), enabled: offered && (wanted || selected !== null) });
  return {
    newsProviders: manifest.data?.providers ?? null,
    failed: manifest.isError,
    load: () => {
      if (manifest.isError) void manifest.refetch();
      else setWanted(true);
    },
  };
}
