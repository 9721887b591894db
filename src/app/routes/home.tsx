import type { QueryClient } from '@tanstack/react-query';
import type { RouteObject } from 'react-router-dom';
import { DocumentTitle } from '../../components/document-title/document-title';
import { PageHeader } from '../../components/page-header/page-header';
import { feedQueries } from '../../feed/queries';
import { ArticleBrowser } from '../article-browser/article-browser';
import { loadArticleList } from '../article-browser/load-article-list';
import { PageSkeleton } from '../layout/page-skeleton';

const NO_SCOPE = {};

export function homeRoute(queryClient: QueryClient): RouteObject {
  return {
    index: true,
    loader: async ({ request }) => {
      await queryClient.ensureQueryData(feedQueries.manifest());
      return loadArticleList(queryClient, request, NO_SCOPE);
    },
    Component: HomePage,
    HydrateFallback: PageSkeleton,
  };
}

function HomePage() {
  return (
    <>
      <DocumentTitle title="Latest news" />
      <PageHeader title="Latest news">
        <p>Stories from across the web, newest first.</p>
      </PageHeader>
      <ArticleBrowser scope={NO_SCOPE} />
    </>
  );
}
