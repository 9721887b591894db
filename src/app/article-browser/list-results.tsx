import { useSuspenseQuery } from '@tanstack/react-query';
import { memo, useMemo } from 'react';
import type { ArticleFilters } from '../../features/articles/utils/filters';
import { listSource } from '../../features/search/utils/result-source';
import { listTotal } from '../../feed/list-layout';
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
export const ListResults = memo(function ListResults({ list, filters, onClear }: ListResultsProps) {
  const { data: start } = useSuspenseQuery(feedQueries.start());
  if (list.kind !== 'all')
    return <ListPartResults list={list} pageSize={start.pageSize} filters={filters} onClear={onClear} />;
  return (
    <ListSourceResults list={list} count={start.articleCount} pageSize={start.pageSize} {...{ filters, onClear }} />
  );
});

function ListPartResults({ list, pageSize, filters, onClear }: ListResultsProps & { pageSize: number }) {
  const { data: first } = useSuspenseQuery(listQueries.page(list, 1));
  return <ListSourceResults list={list} count={listTotal(first)} pageSize={pageSize} {...{ filters, onClear }} />;
}

function ListSourceResults({
  list,
  count,
  pageSize,
  filters,
  onClear,
}: ListResultsProps & { count: number; pageSize: number }) {
  // The same source while the list stays, so the memoized results skip renders it is not part of.
  const source = useMemo(() => listSource(list, count, pageSize), [list, count, pageSize]);
  return <Results source={source} filters={filters} onClear={onClear} />;
}
