import { useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import {
  data,
  isRouteErrorResponse,
  useParams,
  useRevalidator,
  useRouteError,
  type LoaderFunctionArgs,
} from 'react-router-dom';
import { DocumentTitle } from '../../components/document-title/document-title';
import { ErrorPanel } from '../../components/error-panel/error-panel';
import { ArticleSkeleton } from '../../components/skeleton/article-skeleton';
import { WidgetBoundary } from '../../components/widget-boundary/widget-boundary';
import { FeedError } from '../../feed/fetch-feed';
import { articleQueries, feedQueries } from '../../feed/queries';
import { ArticleDetail } from '../../features/articles/components/article-detail/article-detail';
import { NewsProviderBadge } from '../../features/news-providers/components/news-provider-badge';
import { RootErrorBoundary } from '../layout/root-error-boundary';
import { SLUG_PARAM } from '../paths';
import type { LazyRoute } from './lazy-route';

function articleNotFound() {
  return data('Article not found', { status: 404, statusText: 'Article not found' });
}

/** `/articles/:slug`: one article, its related articles and more from its first topic. */
export function articleRoute(queryClient: QueryClient): LazyRoute {
  return {
    loader: async ({ params }: LoaderFunctionArgs) => {
      const slug = params.slug ?? '';
      if (!SLUG_PARAM.test(slug)) throw articleNotFound();
      // Topic names come from the topic list (the start file is what a newer build is noticed
      // by): start both now, but never wait for them.
      void queryClient.prefetchQuery(feedQueries.start());
      void queryClient.prefetchQuery(feedQueries.topics());
      try {
        await queryClient.ensureQueryData(articleQueries.detail(slug));
      } catch (error) {
        if (error instanceof FeedError && error.kind === 'not-found') throw articleNotFound();
        throw error;
      }
      return null;
    },
    Component: ArticleRoute,
    ErrorBoundary: ArticleErrorBoundary,
  };
}

function ArticleRoute() {
  const { slug = '' } = useParams();
  return (
    <Suspense fallback={<ArticleSkeleton />}>
      {/* Keyed by slug: moving to a related article starts its page (carousels included) afresh. */}
      <ArticlePage key={slug} slug={slug} />
    </Suspense>
  );
}

// The carousels are a chunk of their own: the article paints first, then they render below it.
const FurtherReading = lazy(async () => ({ default: (await import('./article-further-reading')).FurtherReading }));

function ArticlePage({ slug }: { slug: string }) {
  const { article } = useSuspenseQuery(articleQueries.detail(slug)).data;
  return (
    <>
      <DocumentTitle title={article.title} />
      <ArticleDetail article={article} providerBadge={<NewsProviderBadge provider={article.provider} linked />}>
        {/* If their code cannot load, the article still shows, without them. */}
        <WidgetBoundary>
          <Suspense fallback={null}>
            <FurtherReading article={article} />
          </Suspense>
        </WidgetBoundary>
      </ArticleDetail>
    </>
  );
}

function ArticleErrorBoundary() {
  const error = useRouteError();
  const revalidator = useRevalidator();
  // A missing article gets the site's own 404 page ("Article not found"), as the root would show it.
  if (isRouteErrorResponse(error) && error.status === 404) return <RootErrorBoundary />;
  return (
    <>
      <DocumentTitle title="Article unavailable" />
      <ErrorPanel
        title="This article could not be loaded"
        error={error}
        onRetry={() => void revalidator.revalidate()}
      />
    </>
  );
}
