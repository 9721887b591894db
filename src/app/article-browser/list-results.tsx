import { useSuspenseQuery } from '@tanstack/react-query';
import type { ArticleFilters } from '../../features/articles/utils/filters';
import { listSource } from '../../features/search/utils/result-source';
import { feedQueries, listQueries } from '../../feed/queries';
import type { ListRef } from '../../feed/urls';
import { Results } from './results';

type ListResultsProps = {
  list: ListRef;
  filters: ArticleFilters;
  onClear: () => void;
};

/**
 * Results that are one list of the feed, in its own order. The count of all articles is in the
 * start file; a topic's or news provider's comes with the list's first page, which shows anyway.
 */
export function ListResults({ list, filters, onClear }: ListResultsProps) {
  const { data: start } = useSuspenseQuery(feedQueries.start());
  if (list.kind !== 'all')
    return <ListPartResults list={list} pageSize={start.pageSize} filters={filters} onClear={onClear} />;
  return <Results source={listSource(list, start.articleCount, start.pageSize)} filters={filters} onClear={onClear} />;
}

function ListPartResults({ list, pageSize, filters, onClear }: ListResultsProps & { pageSize: number }) {
  const { data: first } = useSuspenseQuery(listQueries.page(list, 1));
  return <Results source={listSource(list, first.total, pageSize)} filters={filters} onClear={onClear} />;
}
