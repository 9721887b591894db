import type { QueryClient } from '@tanstack/react-query';
import type { RouteObject } from 'react-router-dom';
import { DocumentTitle } from '../../components/document-title/document-title';
import { PageHeader } from '../../components/page-header/page-header';
import { TopicList } from '../../features/topics/components/topic-list';
import { feedQueries } from '../../feed/queries';
import { PageSkeleton } from '../layout/page-skeleton';

export function topicsRoute(queryClient: QueryClient): RouteObject {
  return {
    path: 'topics',
    loader: async () => {
      await queryClient.ensureQueryData(feedQueries.manifest());
      return null;
    },
    Component: TopicsPage,
    HydrateFallback: PageSkeleton,
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
