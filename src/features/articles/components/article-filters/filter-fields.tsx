import { memo } from 'react';
import { SORT_ORDERS, type ArticleFilters } from '../../utils/filters';
import { DateField } from './date-field';
import { NewsProviderSelect, type NewsProviderChoice } from './news-provider-select';
import { SelectField } from './select-field';

const SORT_LABELS: Record<ArticleFilters['sort'], string> = {
  newest: 'Newest',
  trending: 'Trending',
  quality: 'Highest quality',
};

type FilterFieldsProps = {
  filters: ArticleFilters;
  onChange: (patch: Partial<ArticleFilters>) => void;
  /** Null hides the choice (a news provider's own page). */
  newsProviders: NewsProviderChoice | null;
};

/**
 * Order, type, news provider and date range, each a labelled native control. Memoized on the
 * values it shows: a change of query or topics does not re-render it.
 */
export const FilterFields = memo(function FilterFields({ filters, onChange, newsProviders }: FilterFieldsProps) {
  return (
    <>
      <SelectField label="Sort by" value={filters.sort} onChange={(value) => onChange({ sort: sortOf(value) })}>
        {SORT_ORDERS.map((order) => (
          <option key={order} value={order}>
            {SORT_LABELS[order]}
          </option>
        ))}
      </SelectField>
      <SelectField label="Type" value={filters.type ?? ''} onChange={(value) => onChange({ type: typeOf(value) })}>
        <option value="">Articles and videos</option>
        <option value="article">Articles only</option>
        <option value="video">Videos only</option>
      </SelectField>
      {newsProviders && (
        <NewsProviderSelect
          choice={newsProviders}
          value={filters.provider}
          onChange={(provider) => onChange({ provider })}
        />
      )}
      <DateField label="From" value={filters.from} max={filters.to} onChange={(from) => onChange({ from })} />
      <DateField label="To" value={filters.to} min={filters.from} onChange={(to) => onChange({ to })} />
    </>
  );
}, sameFields);

function sameFields(before: FilterFieldsProps, after: FilterFieldsProps): boolean {
  const [a, b] = [before.filters, after.filters];
  return (
    before.onChange === after.onChange &&
    before.newsProviders === after.newsProviders &&
    a.sort === b.sort &&
    a.type === b.type &&
    a.provider === b.provider &&
    a.from === b.from &&
    a.to === b.to
  );
}

function typeOf(value: string): ArticleFilters['type'] {
  return value === 'article' || value === 'video' ? value : null;
}

function sortOf(value: string): ArticleFilters['sort'] {
  return SORT_ORDERS.find((order) => order === value) ?? 'newest';
}
