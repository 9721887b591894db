import { useSuspenseQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { paths } from '../../../app/paths';
import { feedQueries } from '../../../feed/queries';
import styles from './topic-list.module.css';

const numbers = new Intl.NumberFormat('en');

/** Every topic of the feed, largest first, each linking to its page. */
export function TopicList() {
  const { data } = useSuspenseQuery(feedQueries.topics());
  const topics = [...data.topics].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  return (
    <ul className={styles.list}>
      {topics.map((topic) => (
        <li key={topic.slug}>
          <Link to={paths.topic(topic.slug)} className={styles.topic}>
            <span className={styles.name}>{topic.name}</span>{' '}
            <span className={styles.count}>
              {numbers.format(topic.count)} {topic.count === 1 ? 'article' : 'articles'}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
