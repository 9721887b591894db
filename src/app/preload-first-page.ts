/**
 * A first visit's data, started early: each page route names in its `handle` the feed files its
 * loader fetches first, and the app preloads them while the page's code downloads. The loader's
 * own fetches then pick up these responses instead of waiting for the page's chunk to arrive.
 */
import { matchRoutes, type Params, type RouteObject } from 'react-router-dom';
import { feedUrl } from '../feed/urls';

export interface FirstFeedFiles {
  /**
   * The feed paths the page fetches first for these params and query string; none when that
   * depends on data (filters the index answers), or when the params cannot name a feed file.
   */
  feedFiles: (params: Params, search: URLSearchParams) => string[];
}

export function preloadFirstPage(routes: RouteObject[], location: Location, baseUrl: string): void {
  const page = matchRoutes(routes, location, baseUrl)?.at(-1);
  const handle = page?.route.handle as FirstFeedFiles | undefined;
  if (!page || !handle) return;
  for (const path of handle.feedFiles(page.params, new URLSearchParams(location.search))) {
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    // The loader's fetch() is a CORS-mode, same-origin request: the preload must match it to be used.
    link.crossOrigin = 'anonymous';
    link.href = feedUrl(baseUrl, path);
    document.head.append(link);
  }
}
