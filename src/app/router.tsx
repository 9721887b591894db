import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { NotFoundPage } from './layout/not-found-page';
import { RootErrorBoundary } from './layout/root-error-boundary';
import { RootLayout } from './root-layout';
import { articleRoute } from './routes/article';
import { homeRoute } from './routes/home';
import { newsProviderRoute } from './routes/provider';
import { topicRoute } from './routes/topic';
import { topicsRoute } from './routes/topics';

/** Every route of the reader; the browser and the tests build their routers from this. */
export function createRoutes(queryClient: QueryClient): RouteObject[] {
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
            homeRoute(queryClient),
            topicsRoute(queryClient),
            topicRoute(queryClient),
            newsProviderRoute(queryClient),
            articleRoute(queryClient),
            { path: '*', Component: NotFoundPage },
          ],
        },
      ],
    },
  ];
}

export function createAppRouter(queryClient: QueryClient) {
  return createBrowserRouter(createRoutes(queryClient), { basename: import.meta.env.BASE_URL });
}
