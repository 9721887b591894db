import { Link } from 'react-router-dom';
import { paths } from '../../../../app/paths';
import { useTopicName } from '../../hooks/use-topic-name';
import styles from './article-detail.module.css';

/** The article's topics as links to their pages. */
export function ArticleTopics({ topics }: { topics: string[] }) {
  const topicName = useTopicName(topics);
  if (topics.length === 0) return null;
  return (
    <ul className={styles.topics} aria-label="Topics">
      {topics.map((slug) => (
        <li key={slug}>
          <Link className={styles.topic} to={paths.topic(slug)}>
            {topicName(slug)}
          </Link>
        </li>
      ))}
    </ul>
  );
}
