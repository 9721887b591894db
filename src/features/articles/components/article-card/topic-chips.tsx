import { useSuspenseQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { paths } from '../../../../app/paths';
import { feedQueries } from '../../../../feed/queries';
import styles from './topic-chips.module.css';

/** An article's topics as links to their pages, named as the manifest names them. */
export function TopicChips({ slugs }: { slugs: readonly string[] }) {
  const { data: manifest } = useSuspenseQuery(feedQueries.manifest());
  const topics = manifest.topics.filter((topic) => slugs.includes(topic.slug));
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
