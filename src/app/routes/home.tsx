import type { QueryClient } from '@tanstack/react-query';
import { DocumentTitle } from '../../components/document-title/document-title';
import { PageHeader } from '../../components/page-header/page-header';
import { feedQueries } from '../../feed/queries';
import { ArticleBrowser } from '../article-browser/article-browser';
import { loadArticleList } from '../article-browser/load-article-list';
import type { LazyRoute } from './lazy-route';

const NO_SCOPE = {};

/** `/`: the latest articles, with every filter. */
export function homeRoute(queryClient: QueryClient): LazyRoute {
  return {
    // The list's shard does not depend on the start file: fetch both at once.
    loader: async ({ request }) => {
      await Promise.all([
        queryClient.ensureQueryData(feedQueries.start()),
        loadArticleList(queryClient, request, NO_SCOPE),
      ]);
      return null;
    },
    Component: HomePage,
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
