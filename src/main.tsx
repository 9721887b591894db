import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { AppProviders } from './app/providers';
import { createAppRouter } from './app/router';
import { checkSnapshot, SNAPSHOT_ATTRIBUTE, whenInitialized } from './app/root-snapshot';
import { initTheme } from './app/theme';
import './styles/global.css';

// Before the first render, so the page never flashes the wrong theme.
initTheme();

// TanStack Query loads as a chunk of its own, alongside the first page's: the initial JavaScript
// stays the app's shell (React, the router, the layout), which can draw before any data arrives.
const queryClient = import('./app/query-client').then(({ createQueryClient }) => createQueryClient());
const router = createAppRouter(queryClient);

const container = document.getElementById('root')!;
const root = createRoot(container);
const render = () =>
  root.render(
    <StrictMode>
      <AppProviders queryClient={queryClient}>
        <RouterProvider router={router} />
      </AppProviders>
    </StrictMode>,
  );

if (checkSnapshot()) {
  // The page shows its prerendered snapshot: keep it until the app can show the page itself, with
  // the feed as it is now, so the first render replaces it in one commit (no skeleton in between).
  // Then the page is live; the attribute's removal says so.
  void whenInitialized(router).then(() => {
    flushSync(render);
    document.documentElement.removeAttribute(SNAPSHOT_ATTRIBUTE);
  });
} else {
  // No snapshot, or another page's (a host's fallback to index.html): the app draws from scratch.
  container.replaceChildren();
  document.documentElement.removeAttribute(SNAPSHOT_ATTRIBUTE);
  render();
}
