import { useState } from 'react';
import type { TopicSummary } from '../../../../feed/schema';
import styles from './article-filters.module.css';

const COLLAPSED_COUNT = 12;

type TopicFilterProps = {
  topics: readonly TopicSummary[];
  selected: readonly string[];
  onToggle: (slug: string) => void;
};

/** Topic checkboxes styled as chips; with many topics, the largest show first. */
export function TopicFilter({ topics, selected, onToggle }: TopicFilterProps) {
  const [expanded, setExpanded] = useState(false);
  const byCount = [...topics].sort((a, b) => b.count - a.count);
  const visible = expanded
    ? byCount
    : byCount.filter((topic, i) => i < COLLAPSED_COUNT || selected.includes(topic.slug));
  if (topics.length === 0) return null;

  return (
    <fieldset className={styles.topics}>
      <legend className={styles.label}>Topics</legend>
      <div className={styles.chips}>
        {visible.map((topic) => (
          <label key={topic.slug} className={styles.chip}>
            <input
              type="checkbox"
              className={styles.chipInput}
              checked={selected.includes(topic.slug)}
              onChange={() => onToggle(topic.slug)}
            />
            {topic.name}
          </label>
        ))}
        {topics.length > COLLAPSED_COUNT && (
          <button type="button" className={styles.more} onClick={() => setExpanded(!expanded)}>
            {expanded ? 'Fewer topics' : `All ${topics.length} topics`}
          </button>
        )}
      </div>
    </fieldset>
  );
}
