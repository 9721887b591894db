/**
 * The index-mode results view and its search engine, as a lazy chunk. The loader starts it
 * alongside the index files, so the view rarely waits for its code.
 */
export const loadIndexResults = () => import('./index-results');
