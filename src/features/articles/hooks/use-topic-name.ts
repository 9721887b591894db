import { useQuery } from '@tanstack/react-query';
import { feedQueries } from '../../../feed/queries';

/**
 * A lookup from topic slug to display name, from the manifest. Does not wait for it: until the
 * manifest arrives (or if it fails) a topic is called by its slug, so the page never blocks on it.
 */
export function useTopicName(): (slug: string) => string {
  const { data: manifest } = useQuery(feedQueries.manifest());
  return (slug) => manifest?.topics.find((topic) => topic.slug === slug)?.name ?? slug;
}
