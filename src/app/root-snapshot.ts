/**
 * Prerendered snapshots (see root-prerender.tsx): the build writes a page's first screen into its
 * HTML, marked `<html data-snapshot="<path>">`. Static hosts also answer unknown paths with
 * index.html, the home page's snapshot, so a snapshot is shown only on the path it was made for;
 * for any other address it is `stale`, hidden by global.css and dropped by main.tsx.
 */
import { useLayoutEffect } from 'react';

/** The `<html>` attribute that carries the snapshot's path, then its state. */
export const SNAPSHOT_ATTRIBUTE = 'data-snapshot';

/**
 * Marks the document's snapshot stale unless it was made for this address; returns whether the
 * page shows a current snapshot. A query string (filters) asks for other results than the
 * snapshot's. Self-contained: the boot script runs its source, before the page is parsed.
 */
export function checkSnapshot(): boolean {
  const root = document.documentElement;
  const snapshot = root.getAttribute('data-snapshot');
  if (snapshot === null || snapshot === 'stale') return false;
  const path = (value: string) => value.replace(/\/+$/, '');
  if (window.location.search === '' && path(snapshot) === path(window.location.pathname)) return true;
  root.setAttribute('data-snapshot', 'stale');
  return false;
}

/**
 * The classic script every page loads, blocking, at the end of its head. Before anything is
 * painted, it decides whether the snapshot may show and applies the reader's stored colour theme
 * (theme.ts's key), so a dark-theme reader's snapshot does not first paint light. Then it starts
 * the app (its `data-entry`). A page without a current snapshot downloads it at once and runs it
 * once parsed, as a module script in the HTML would. A page showing its snapshot downloads it,
 * and preloads the feed files the page loads first (`data-snapshot-feed`, as a fetch the app's
 * own `fetch` then reuses), only once the snapshot is on screen: the stylesheets and the page's
 * own images have the connection to themselves until then, and the app's code does not hold up
 * the first paint. (A hidden tab paints nothing; there the app starts at once.)
 */
/** The longest the app waits for the snapshot's first paint to be reported before it starts. */
const SNAPSHOT_APP_START_LIMIT_MS = 3000;

export const bootScript = `(function () {
  var current = (${checkSnapshot.toString()})();
  try {
    var theme = localStorage.getItem('newsstand:theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
  } catch (error) {}
  var entry = document.currentScript && document.currentScript.getAttribute('data-entry');
  if (!entry) return;
  function append(tag, attributes) {
    var element = document.createElement(tag);
    element.crossOrigin = 'anonymous';
    for (var name in attributes) element[name] = attributes[name];
    document.head.appendChild(element);
  }
  function run() {
    append('script', { type: 'module', src: entry });
  }
  function whenParsed(then) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', then);
    else then();
  }
  if (!current || document.hidden) {
    append('link', { rel: 'modulepreload', href: entry });
    whenParsed(run);
    return;
  }
  var started = false;
  function start() {
    if (started) return;
    started = true;
    // The feed files the snapshot's page loads first (the prerender saw its loaders fetch them),
    // alongside the app's code rather than after it.
    var feed = (document.documentElement.getAttribute('data-snapshot-feed') || '').split(' ');
    for (var i = 0; i < feed.length; i++) if (feed[i]) append('link', { rel: 'preload', as: 'fetch', href: feed[i] });
    run();
  }
  var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
  // After the parsed page's first frame, once a paint has been reported (after it is presented),
  // or after a while whatever happens, so that the app always starts.
  whenParsed(function () {
    setTimeout(start, ${SNAPSHOT_APP_START_LIMIT_MS});
    requestAnimationFrame(function () {
      if (types.indexOf('paint') === -1) return setTimeout(start, 0);
      new PerformanceObserver(function (list) {
        if (list.getEntriesByName('first-contentful-paint').length > 0) setTimeout(start, 0);
      }).observe({ type: 'paint', buffered: true });
    });
  });
})();
`;

interface InitializingRouter {
  state: { initialized: boolean };
  subscribe(listener: (state: { initialized: boolean }) => void): () => void;
}

/** Resolves once the router has loaded the first page's code and data (or failed to). */
export function whenInitialized(router: InitializingRouter): Promise<void> {
  return new Promise((resolve) => {
    if (router.state.initialized) return resolve();
    const unsubscribe = router.subscribe((state) => {
      if (!state.initialized) return;
      unsubscribe();
      resolve();
    });
  });
}

/** Rendered with the app: once its first render is committed, the page is live and says so. */
export function SnapshotReplaced(): null {
  useLayoutEffect(() => document.documentElement.removeAttribute(SNAPSHOT_ATTRIBUTE), []);
  return null;
}
