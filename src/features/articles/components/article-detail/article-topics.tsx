import { Link } from 'react-router-dom';
import { paths } from '../../../../app/paths';
import { useTopicName } from '../../hooks/use-topic-name';
import chipStyles from '../article-card/topic-chips.module.css';
import styles from './article-detail.module.css';

/** The article's topics as links to their pages, laid out as a card's topic chips are. */
export function ArticleTopics({ topics }: { topics: string[] }) {
  const topicName = useTopicName(topics);
  if (topics.length === 0) return null;
  return (
    <ul className={chipStyles.chips} aria-label="Topics">
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
