import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { AppProviders } from './app/providers';
import { createAppRouter } from './app/router';
import { initTheme } from './app/theme';
import './styles/global.css';

// Before the first render, so the page never flashes the wrong theme.
initTheme();

// TanStack Query loads as a chunk of its own, alongside the first page's: the initial JavaScript
// stays the app's shell (React, the router, the layout), which can draw before any data arrives.
const queryClient = import('./app/query-client').then(({ createQueryClient }) => createQueryClient());
const router = createAppRouter(queryClient);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
