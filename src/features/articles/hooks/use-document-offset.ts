import { useCallback, useSyncExternalStore } from 'react';

/**
 * How far `element` starts below the top of the document, kept current as the content above it
 * (filters that wrap, a banner) changes size. 0 until the element exists.
 */
export function useDocumentOffset(element: HTMLElement | null): number {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const container = element?.parentElement;
      if (!container || typeof ResizeObserver === 'undefined') return () => {};
      const observer = new ResizeObserver(onChange);
      observer.observe(container);
      return () => observer.disconnect();
    },
    [element],
  );
  const read = () => (element ? Math.round(element.getBoundingClientRect().top + window.scrollY) : 0);
  return useSyncExternalStore(subscribe, read, () => 0);
}
