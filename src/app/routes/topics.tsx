import type { QueryClient } from '@tanstack/react-query';
import { DocumentTitle } from '../../components/document-title/document-title';
import { PageHeader } from '../../components/page-header/page-header';
import { TopicList } from '../../features/topics/components/topic-list';
import { feedQueries } from '../../feed/queries';
import type { LazyRoute } from './lazy-route';

export function topicsRoute(queryClient: QueryClient): LazyRoute {
  return {
    loader: async () => {
      await queryClient.ensureQueryData(feedQueries.manifest());
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
