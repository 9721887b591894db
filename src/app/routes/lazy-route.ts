import type { NonIndexRouteObject } from 'react-router-dom';

/** What a page module gives its route in router.tsx: the route's path and skeleton stay there. */
export type LazyRoute = Pick<NonIndexRouteObject, 'loader' | 'Component' | 'ErrorBoundary'>;
