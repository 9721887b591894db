import { Link } from 'react-router-dom';
import { paths } from '../../../../app/paths';
import type { TopicCount } from '../../../../feed/schema';
import { useTopicLookup } from '../../hooks/use-topic-name';
import styles from './topic-chips.module.css';

/**
 * An article's topics as links to their pages, named as the feed names them. A topic whose name
 * is not known (yet) is left out rather than shown by its slug. Largest first, as the feed lists topics.
 */
export function TopicChips({ slugs }: { slugs: readonly string[] }) {
  const lookup = useTopicLookup(slugs);
  const topics = slugs
    .map(lookup)
    .filter((topic): topic is TopicCount => topic !== undefined)
    .sort(largestFirst);
  if (topics.length === 0) return null;
  return (
    <ul className={styles.chips} aria-label="Topics">
      {topics.map((topic) => (
        <li key={topic.slug}>
          <Link to={paths.topic(topic.slug)} className={styles.chip}>
            {topic.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function largestFirst(a: TopicCount, b: TopicCount): number {
  return b.count - a.count || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}
