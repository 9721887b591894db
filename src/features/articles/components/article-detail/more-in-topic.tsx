import { useQuery } from '@tanstack/react-query';
import { useDeferredValue } from 'react';
import { Carousel } from '../../../../components/carousel/carousel';
import { CardSkeleton } from '../../../../components/skeleton/card-skeleton';
import { listQueries } from '../../../../feed/queries';
import { useTopicName } from '../../hooks/use-topic-name';
import styles from './more-in-topic.module.css';
import { StoryCard } from './story-card';

/** At most this many cards: a carousel is a taste of the topic, its page has the rest. */
const MAX_STORIES = 12;

type MoreInTopicProps = {
  /** The topic's slug. */
  topic: string;
  /** The article being read, left out of the list. */
  currentSlug: string;
};

/**
 * "More in <topic>": the topic's newest articles. Loads on its own, after the article is shown;
 * says so quietly if it fails, and is absent when the topic has nothing else.
 */
export function MoreInTopic({ topic, currentSlug }: MoreInTopicProps) {
  const topicName = useTopicName([topic]);
  const heading = `More in ${topicName(topic)}`;
  const list = useQuery(listQueries.page({ kind: 'topic', slug: topic }, 1));
  // A query's result re-renders its readers synchronously, in one long task: deferred, the cards
  // are drawn by a background render that React can pause, while the skeleton stays a moment.
  const data = useDeferredValue(list.data);

  if (list.isError) {
    return (
      <p className={styles.failed}>
        {heading} could not be loaded.{' '}
        <button type="button" className={styles.retry} onClick={() => void list.refetch()}>
          Retry
        </button>
      </p>
    );
  }
  if (data === undefined) {
    return (
      <section className={styles.loading} aria-label={heading} aria-busy="true">
        <h2 className={styles.heading}>{heading}</h2>
        <div className={styles.skeletons}>
          <CardSkeleton />
          <CardSkeleton />
          <CardSkeleton />
        </div>
      </section>
    );
  }

  const stories = data.items.filter((item) => item.slug !== currentSlug).slice(0, MAX_STORIES);
  if (stories.length === 0) return null;
  return (
    <Carousel heading={heading}>
      {stories.map((item) => (
        <StoryCard key={item.slug} story={{ ...item, url: item.originalUrl }} />
      ))}
    </Carousel>
  );
}
