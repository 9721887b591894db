import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { ArticleSkeleton } from '../components/skeleton/article-skeleton';
import { NotFoundPage } from './layout/not-found-page';
import { PageSkeleton } from './layout/page-skeleton';
import { RootErrorBoundary } from './layout/root-error-boundary';
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
              lazy: page(queryClient, async () => (await import('./routes/topic')).topicRoute),
            },
            {
              path: 'providers/:slug',
              HydrateFallback: PageSkeleton,
              lazy: page(queryClient, async () => (await import('./routes/provider')).newsProviderRoute),
            },
            {
              path: 'articles/:slug',
              HydrateFallback: ArticleSkeleton,
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
  return createBrowserRouter(createRoutes(queryClient), { basename: import.meta.env.BASE_URL });
}

/** A page's lazy route: its module and the QueryClient load together; it renders inside the client's provider. */
function page(queryClient: QueryClientSource, load: () => Promise<(queryClient: QueryClient) => LazyRoute>) {
  return async (): Promise<LazyRoute> => {
    const [route, client] = await Promise.all([load(), queryClient]);
    const { Component, ...rest } = route(client);
    return { ...rest, Component: Component ? withQueryClient(Component, client) : Component };
  };
}

function withQueryClient(Page: ComponentType, client: QueryClient): ComponentType {
  return function PageWithQueryClient() {
    return (
      <QueryClientProvider client={client}>
        <Page />
      </QueryClientProvider>
    );
  };
}
