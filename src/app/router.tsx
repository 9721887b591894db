import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { memo, type ComponentType } from 'react';
import { createBrowserRouter, type Params, type RouteObject } from 'react-router-dom';
import { ArticleSkeleton } from '../components/skeleton/article-skeleton';
import { ALL_ARTICLES, feedPaths, type ListRef } from '../feed/urls';
import { NotFoundPage } from './layout/not-found-page';
import { PageSkeleton } from './layout/page-skeleton';
import { RootErrorBoundary } from './layout/root-error-boundary';
import { SLUG_PARAM } from './paths';
import { preloadFirstPage, type FirstFeedFiles } from './preload-first-page';
import { RootLayout } from './root-layout';
import type { LazyRoute } from './routes/lazy-route';

/** The reader's QueryClient, or the promise of it while its code loads (see main.tsx). */
type QueryClientSource = QueryClient | Promise<QueryClient>;

/**
 * Every route of the reader; the browser and the tests build their routers from this. Each page
 * (its loader, component and error boundary) is a lazy chunk: a first visit downloads the layout
 * and the page it opens, nothing else. The skeletons stay here, so a page's shape shows at once.
 */
export function createRoutes(queryClient: QueryClientSource): RouteObject[] {
  return [
    {
      path: '/',
      Component: RootLayout,
      ErrorBoundary: RootErrorBoundary,
      children: [
        {
          // Errors below render inside the layout, so the header and navigation stay usable.
          ErrorBoundary: RootErrorBoundary,
          children: [
            {
              index: true,
              HydrateFallback: PageSkeleton,
              handle: firstListPage(() => ALL_ARTICLES),
              lazy: page(queryClient, async () => (await import('./routes/home')).homeRoute),
            },
            {
              path: 'topics',
              HydrateFallback: PageSkeleton,
              lazy: page(queryClient, async () => (await import('./routes/topics')).topicsRoute),
            },
            {
              path: 'topics/:slug',
              HydrateFallback: PageSkeleton,
              handle: firstListPage((slug) => ({ kind: 'topic', slug })),
              lazy: page(queryClient, async () => (await import('./routes/topic')).topicRoute),
            },
            {
              path: 'providers/:slug',
              HydrateFallback: PageSkeleton,
              handle: firstListPage((slug) => ({ kind: 'provider', slug })),
              lazy: page(queryClient, async () => (await import('./routes/provider')).newsProviderRoute),
            },
            {
              path: 'articles/:slug',
              HydrateFallback: ArticleSkeleton,
              handle: {
                // The loader also starts the start file and the topic list (for topic names):
                // without these, an article page that is not prerendered waits for its code first.
                feedFiles: ({ slug = '' }) =>
                  SLUG_PARAM.test(slug) ? [feedPaths.article(slug), feedPaths.start(), feedPaths.topics()] : [],
              } satisfies FirstFeedFiles,
              lazy: page(queryClient, async () => (await import('./routes/article')).articleRoute),
            },
            { path: '*', Component: NotFoundPage },
          ],
        },
      ],
    },
  ];
}

export function createAppRouter(queryClient: QueryClientSource) {
  const routes = createRoutes(queryClient);
  preloadFirstPage(routes, window.location, import.meta.env.BASE_URL);
  return createBrowserRouter(routes, { basename: import.meta.env.BASE_URL });
}

/**
 * A list page's first shard, when the page shows the list as it is: filters in the query string
 * may need the index instead, which only the loader's plan can tell.
 */
function firstListPage(list: (slug: string) => ListRef): FirstFeedFiles {
  return {
    feedFiles: ({ slug = '' }: Params, search: URLSearchParams) =>
      search.size === 0 && (slug === '' || SLUG_PARAM.test(slug)) ? [feedPaths.listPage(list(slug), 1)] : [],
  };
}

/** A page's lazy route: its module and the QueryClient load together; it renders inside the client's provider. */
function page(queryClient: QueryClientSource, load: () => Promise<(queryClient: QueryClient) => LazyRoute>) {
  return async (): Promise<LazyRoute> => {
    const [route, client] = await Promise.all([load(), queryClient]);
    const { Component, ...rest } = route(client);
    return { ...rest, Component: Component ? withQueryClient(Component, client) : Component };
  };
}

/**
 * Memoized: the router re-renders every route as a navigation starts (its "loading" state) and
 * ends; a page re-renders only through the router hooks it reads (location, params).
 */
function withQueryClient(Page: ComponentType, client: QueryClient): ComponentType {
  return memo(function PageWithQueryClient() {
    return (
      <QueryClientProvider client={client}>
        <Page />
      </QueryClientProvider>
    );
  });
}
