/**
 * Render the real app routes at `url` in an in-memory router, with a fresh QueryClient that
 * never retries, so a test sees exactly what a reader would after following a link.
 * Pair with `setupFeedFixture()` so the routes have a feed to fetch.
 */
import { QueryClient } from '@tanstack/react-query';
import { configure, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { AppProviders } from '../../src/app/providers';
import { createRoutes } from '../../src/app/router';

// jsdom has no layout engine: scrolling is a no-op, not an error.
window.scrollTo = () => {};
// Route tests load real feed files and run loaders on a small shared machine: allow them time.
configure({ asyncUtilTimeout: 5000 });

/** A QueryClient like the one renderRoute makes; create it first to seed the cache before rendering. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false } } });
}

export function renderRoute(
  url: string,
  { queryClient = createTestQueryClient() }: { queryClient?: QueryClient } = {},
) {
  const router = createMemoryRouter(createRoutes(queryClient), { initialEntries: [url] });
  const user = userEvent.setup();
  const view = render(
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, user, queryClient };
}
