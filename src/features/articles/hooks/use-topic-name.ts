import { useQuery } from '@tanstack/react-query';
import { feedQueries } from '../../../feed/queries';
import type { TopicCount } from '../../../feed/schema';

/**
 * A lookup of the topics `slugs` names. The start file names the largest topics and those of the
 * first page; the full topic list loads only when one of `slugs` is not among them. Never waits:
 * a topic not known yet (or whose list failed) is undefined, so no page ever blocks on names.
 */
export function useTopicLookup(slugs: readonly string[]): (slug: string) => TopicCount | undefined {
  const { data: start } = useQuery(feedQueries.start());
  const fromStart = (slug: string) => start?.topics.find((topic) => topic.slug === slug);
  const { data: all } = useQuery({
    ...feedQueries.topics(),
    enabled: slugs.some((slug) => fromStart(slug) === undefined),
  });
  return (slug) => fromStart(slug) ?? all?.topics.find((topic) => topic.slug === slug);
}

/** The display names of the topics `slugs`; a topic not known yet is called by its slug. */
export function useTopicName(slugs: readonly string[]): (slug: string) => string {
  const lookup = useTopicLookup(slugs);
  return (slug) => lookup(slug)?.name ?? slug;
}
