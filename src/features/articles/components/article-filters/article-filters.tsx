import type { NewsProviderSummary, TopicSummary } from '../../../../feed/schema';
import type { SetFiltersOptions } from '../../hooks/use-article-filters';
import { SORT_ORDERS, toggleTopic, type ArticleFilters as Filters } from '../../utils/filters';
import styles from './article-filters.module.css';
import { DateField } from './date-field';
import { SearchField } from './search-field';
import { SelectField } from './select-field';
import { TopicFilter } from './topic-filter';

const SORT_LABELS: Record<(typeof SORT_ORDERS)[number], string> = {
  newest: 'Newest',
  trending: 'Trending',
  quality: 'Highest quality',
};

type ArticleFiltersProps = {
  filters: Filters;
  onChange: (next: Filters, options?: SetFiltersOptions) => void;
  /** Topics to offer; a topic page leaves its own out. */
  topics: readonly TopicSummary[];
  /** News providers to offer; null hides the choice (a news provider's own page). */
  newsProviders: readonly NewsProviderSummary[] | null;
};

/** Every filter of the list, each a labelled native control; changes go straight to the URL. */
export function ArticleFilters({ filters, onChange, topics, newsProviders }: ArticleFiltersProps) {
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  return (
    <form role="search" className={styles.filters} aria-label="Filter articles" onSubmit={(e) => e.preventDefault()}>
      <SearchField value={filters.q} onSearch={(q) => onChange({ ...filters, q }, { replace: true })} />
      <TopicFilter
        topics={topics}
        selected={filters.topics}
        onToggle={(slug) => onChange(toggleTopic(filters, slug))}
      />
      <div className={styles.row}>
        {newsProviders && (
          <SelectField
            label="News provider"
            value={filters.provider ?? ''}
            onChange={(v) => set({ provider: v || null })}
          >
            <option value="">All news providers</option>
            {newsProviders.map((provider) => (
              <option key={provider.slug} value={provider.slug}>
                {provider.name}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField label="Type" value={filters.type ?? ''} onChange={(v) => set({ type: typeOf(v) })}>
          <option value="">Articles and videos</option>
          <option value="article">Articles only</option>
          <option value="video">Videos only</option>
        </SelectField>
        <DateField label="From" value={filters.from} max={filters.to} onChange={(from) => set({ from })} />
        <DateField label="To" value={filters.to} min={filters.from} onChange={(to) => set({ to })} />
        <SelectField label="Sort by" value={filters.sort} onChange={(v) => set({ sort: sortOf(v) })}>
          {SORT_ORDERS.map((order) => (
            <option key={order} value={order}>
              {SORT_LABELS[order]}
            </option>
          ))}
        </SelectField>
      </div>
    </form>
  );
}

function typeOf(value: string): Filters['type'] {
  return value === 'article' || value === 'video' ? value : null;
}

function sortOf(value: string): Filters['sort'] {
  return SORT_ORDERS.find((order) => order === value) ?? 'newest';
}
