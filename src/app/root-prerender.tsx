/**
 * The build's prerender entry (built for Node by vite.config.ts, never part of the browser
 * bundle): renders a page of the reader to static HTML from the feed in the build's output, with
 * the same routes, loaders and components as the browser. The HTML is a snapshot for the first
 * paint only: main.tsx replaces it with the live app once that has loaded its code and the
 * current feed (see README, Performance), so it is never hydrated and never has to match.
 */
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom';
import { AppProviders } from './providers';
import { createQueryClient } from './query-client';
import { createRoutes } from './router';

export interface PrerenderedPage {
  /** The markup of the app's root element. */
  html: string;
  /** The page's document title (React hoists `<title>` into the head, which the snapshot has not). */
  title: string | null;
}

/**
 * Renders `url` (absolute; its path includes the base URL). Feed files are read with the global
 * `fetch`, which the caller points at the build's feed folder. Null when the page is not a plain
 * 200 (a loader redirected, or the page is an error).
 */
export async function prerenderPage(url: string): Promise<PrerenderedPage | null> {
  const queryClient = createQueryClient();
  const handler = createStaticHandler(createRoutes(queryClient), { basename: import.meta.env.BASE_URL });
  const context = await handler.query(new Request(url));
  if (context instanceof Response || context.statusCode !== 200 || context.errors) return null;
  const router = createStaticRouter(handler.dataRoutes, context);
  const markup = renderToString(
    <StrictMode>
      <AppProviders queryClient={queryClient}>
        {/* No hydration data: the snapshot is replaced, not hydrated (and its script would need the CSP). */}
        <StaticRouterProvider router={router} context={context} hydrate={false} />
      </AppProviders>
    </StrictMode>,
  );
  queryClient.clear();
  const title = /<title>([^<]*)<\/title>/.exec(markup);
  return { html: title ? markup.replace(title[0], '') : markup, title: title?.[1] ?? null };
}
