import { memo, useState } from 'react';
import { START_LARGEST_TOPICS, type TopicCount } from '../../../../feed/schema';
import styles from './article-filters.module.css';

// The feed's start file names exactly these largest topics: the collapsed filter needs no more.
const COLLAPSED_COUNT = START_LARGEST_TOPICS;

/** The topics to offer: the largest at first, every one once the reader asks for all. */
export interface TopicChoice {
  topics: readonly TopicCount[];
  /** How many topics can be offered in all. */
  total: number;
  /** Every topic was asked for and could not be loaded. */
  failed: boolean;
  /** Load every topic (the reader expanded the list), or try again after a failure. */
  showAll: () => void;
}

type TopicFilterProps = {
  choice: TopicChoice;
  selected: readonly string[];
  onToggle: (slug: string) => void;
};

/**
 * Topic checkboxes styled as chips; with many topics, the largest show first. Memoized on the
 * topics chosen: other filter changes do not re-render it.
 */
export const TopicFilter = memo(function TopicFilter({ choice, selected, onToggle }: TopicFilterProps) {
  const [expanded, setExpanded] = useState(false);
  const { topics, total } = choice;
  const byCount = [...topics].sort((a, b) => b.count - a.count);
  const visible = expanded
    ? byCount
    : byCount.filter((topic, i) => i < COLLAPSED_COUNT || selected.includes(topic.slug));
  if (topics.length === 0) return null;

  const toggleExpanded = () => {
    if (!expanded) choice.showAll();
    setExpanded(!expanded);
  };
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
        {total > COLLAPSED_COUNT && (
          <button type="button" className={styles.more} onClick={toggleExpanded}>
            {expanded ? 'Fewer topics' : `All ${total} topics`}
          </button>
        )}
        {expanded && choice.failed && (
          <button type="button" className={styles.more} onClick={choice.showAll}>
            The other topics could not be loaded: retry
          </button>
        )}
      </div>
    </fieldset>
  );
}, sameTopics);

function sameTopics(before: TopicFilterProps, after: TopicFilterProps): boolean {
  return (
    before.choice === after.choice &&
    before.onToggle === after.onToggle &&
    before.selected.length === after.selected.length &&
    before.selected.every((slug, i) => after.selected[i] === slug)
  );
}
