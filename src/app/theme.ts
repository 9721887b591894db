/**
 * The colour theme: the reader's stored choice, else the system's. main.tsx applies it before
 * the first render (no inline script, so a strict CSP can forbid them); the toggle changes it.
 */
export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'newsstand:theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';
const listeners = new Set<() => void>();

export function getTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

/** Apply the stored or system theme, and follow the system while the reader has not chosen. */
export function initTheme(): void {
  apply(readStoredTheme() ?? systemTheme());
  window.matchMedia?.(DARK_QUERY).addEventListener('change', (event) => {
    if (!readStoredTheme()) apply(event.matches ? 'dark' : 'light');
  });
}

/** The reader chose a theme: apply it and remember it. */
export function setTheme(theme: Theme): void {
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Storage can be disabled (private mode, policy); the choice then lasts for this page.
  }
  apply(theme);
}

export function subscribeTheme(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function apply(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  for (const listener of listeners) listener();
}

function readStoredTheme(): Theme | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : null;
  } catch {
    return null;
  }
}

function systemTheme(): Theme {
  return window.matchMedia?.(DARK_QUERY).matches ? 'dark' : 'light';
}
