import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { AppProviders } from './app/providers';
import { createAppRouter } from './app/router';
import { checkSnapshot, SNAPSHOT_ATTRIBUTE, SnapshotReplaced, whenInitialized } from './app/root-snapshot';
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
// The router's updates are plain ones, not transitions: a filter's results (answered by the
// search worker while the loader waits) then render and commit in one task. As a transition,
// that render yielded every 5 ms, and a frame drawn in between pushed the new count to the next
// one. Loaders fetch what a page shows before it renders, so a navigation does not suspend.
const render = () =>
  root.render(
    <StrictMode>
      <SnapshotReplaced />
      <AppProviders queryClient={queryClient}>
        <RouterProvider router={router} useTransitions={false} />
      </AppProviders>
    </StrictMode>,
  );

if (checkSnapshot()) {
  // The page shows its prerendered snapshot: keep it until the app can show the page itself, with
  // the feed as it is now, so the first render replaces it in one commit (no skeleton in between).
  // A transition: React renders in slices between which the browser stays responsive, and the
  // snapshot stays up until the commit.
  void whenInitialized(router).then(() => startTransition(render));
} else {
  // No snapshot, or another page's (a host's fallback to index.html): the app draws from scratch.
  container.replaceChildren();
  document.documentElement.removeAttribute(SNAPSHOT_ATTRIBUTE);
  render();
}
