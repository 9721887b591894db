import type { ArticleFilters } from '../../features/articles/utils/filters';
import { useListResults } from '../../features/search/hooks/use-list-results';
import type { ListRef } from '../../feed/urls';
import { Results } from './results';

type ListResultsProps = {
  list: ListRef;
  filters: ArticleFilters;
  onClear: () => void;
};

export function ListResults({ list, filters, onClear }: ListResultsProps) {
  const source = useListResults(list);
  return <Results source={source} filters={filters} onClear={onClear} />;
}
