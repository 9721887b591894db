import type { QueryClient } from '@tanstack/react-query';
import { DocumentTitle } from '../../components/document-title/document-title';
import { PageHeader } from '../../components/page-header/page-header';
import { TopicList } from '../../features/topics/components/topic-list';
import { feedQueries } from '../../feed/queries';
import type { LazyRoute } from './lazy-route';

export function topicsRoute(queryClient: QueryClient): LazyRoute {
  return {
    loader: async () => {
      // Not shown here, but the file a newer build is noticed by.
      void queryClient.prefetchQuery(feedQueries.start());
      await queryClient.ensureQueryData(feedQueries.topics());
      return null;
    },
    Component: TopicsPage,
  };
}

function TopicsPage() {
  return (
    <>
      <DocumentTitle title="Topics" />
      <PageHeader title="Topics">
        <p>Every topic we follow, with how many stories it has.</p>
      </PageHeader>
      <TopicList />
    </>
  );
}
