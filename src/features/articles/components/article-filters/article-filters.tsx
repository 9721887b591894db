import { memo, useCallback, useId, useLayoutEffect, useRef, useState } from 'react';
import type { SetFiltersOptions } from '../../hooks/use-article-filters';
import { toggleTopic, type ArticleFilters as Filters } from '../../utils/filters';
import styles from './article-filters.module.css';
import { FilterFields } from './filter-fields';
import type { NewsProviderChoice } from './news-provider-select';
import { SearchField } from './search-field';
import { TopicFilter, type TopicChoice } from './topic-filter';

type ArticleFiltersProps = {
  filters: Filters;
  onChange: (next: Filters, options?: SetFiltersOptions) => void;
  /** Topics to offer; a topic page leaves its own out. */
  topics: TopicChoice;
  /** News providers to offer; null hides the choice (a news provider's own page). */
  newsProviders: NewsProviderChoice | null;
  /** Called on every key in the search box, before it searches. */
  onType?: (draft: string) => void;
};

/**
 * Every filter of the list; changes go straight to the URL. On narrow screens all but the
 * search box fold behind a "Filters" button; from laptop width they sit in a sidebar.
 */
export const ArticleFilters = memo(function ArticleFilters({
  filters,
  onChange,
  topics,
  newsProviders,
  onType,
}: ArticleFiltersProps) {
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const active = activeCount(filters);
  // Each control re-renders only when its own value changes (a list of 2,000 news providers is
  // not rebuilt because the date changed), so its handlers must not change with the filters:
  // they merge with the filters as they are when called.
  const latest = useRef(filters);
  useLayoutEffect(() => {
    latest.current = filters;
  });
  const search = useCallback((q: string) => onChange({ ...latest.current, q }, { replace: true }), [onChange]);
  const patch = useCallback((change: Partial<Filters>) => onChange({ ...latest.current, ...change }), [onChange]);
  const toggle = useCallback((slug: string) => onChange(toggleTopic(latest.current, slug)), [onChange]);
  return (
    <form role="search" aria-label="Filter articles" className={styles.filters} onSubmit={(e) => e.preventDefault()}>
      <SearchField value={filters.q} onSearch={search} onType={onType} />
      <button
        type="button"
        className={styles.toggle}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        Filters{active > 0 && <span className={styles.badge}>{active}</span>}
      </button>
      <div id={panelId} className={open ? `${styles.panel} ${styles.open}` : styles.panel}>
        <FilterFields filters={filters} onChange={patch} newsProviders={newsProviders} />
        <TopicFilter choice={topics} selected={filters.topics} onToggle={toggle} />
      </div>
    </form>
  );
});

function activeCount(filters: Filters): number {
  const set = [filters.provider, filters.type, filters.from, filters.to].filter(Boolean).length;
  return filters.topics.length + set + (filters.sort === 'newest' ? 0 : 1);
}
