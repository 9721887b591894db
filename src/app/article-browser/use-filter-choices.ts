/**
 * What the filters offer, loaded as the reader needs it: the start file names the largest topics
 * and counts the rest; every topic, and every news provider, are files that grow with the feed and
 * load only when the reader asks for them (or the URL already chose one the start file does not name).
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
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
  const { data, isError, refetch } = all;
  // The same choice until it changes, so the memoized topic filter skips unrelated navigations.
  return useMemo(
    () => ({
      topics: (data?.topics ?? start.topics).filter((topic) => topic.slug !== scopeTopic),
      total: start.topicCount - (scopeTopic ? 1 : 0),
      failed: isError,
      showAll: () => {
        if (isError) void refetch();
        else setWanted(true);
      },
    }),
    [data, isError, refetch, start, scopeTopic],
  );
}

/**
 * Every news provider (in the full manifest, which the search index needs too), once wanted. Any
 * search loads the manifest, but its thousands of options are rendered only when the reader
 * reaches for the control: in the form, each view's change of another control would make the
 * browser (autofill) read them all again. Until then a provider chosen in the URL is offered alone.
 */
export function useNewsProviderChoice(offered: boolean, selected: string | null): NewsProviderChoice {
  const [wanted, setWanted] = useState(false);
  const manifest = useQuery({ ...feedQueries.manifest(), enabled: offered && (wanted || selected !== null) });
  const { data, isError, refetch } = manifest;
  const providers = data?.providers;
  const offeredNow = useMemo(
    () => (wanted ? providers : providers?.filter((provider) => provider.slug === selected)),
    [wanted, providers, selected],
  );
  return useMemo(
    () => ({
      newsProviders: offeredNow ?? null,
      failed: isError,
      load: () => {
        if (isError) void refetch();
        else setWanted(true);
      },
    }),
    [offeredNow, isError, refetch],
  );
}
