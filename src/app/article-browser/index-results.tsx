import { memo } from 'react';
import type { ArticleFilters } from '../../features/articles/utils/filters';
import { useIndexResults } from '../../features/search/hooks/use-index-results';
import type { SearchPlan, SearchScope } from '../../features/search/utils/search-plan';
import { Results } from './results';

type IndexResultsProps = {
  plan: Extract<SearchPlan, { mode: 'index' }>;
  filters: ArticleFilters;
  scope: SearchScope;
  onClear: () => void;
};

export const IndexResults = memo(function IndexResults({ plan, filters, scope, onClear }: IndexResultsProps) {
  const source = useIndexResults(filters, scope, plan);
  return <Results source={source} filters={filters} onClear={onClear} />;
});
