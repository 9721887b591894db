import { useEffect, useState } from 'react';

/**
 * How far `element` starts below the top of the document, kept current as the content around
 * it (filters that wrap, a banner) changes size. Measured only on resize, never while scrolling.
 * 0 until measured (and where there is no layout, as in jsdom).
 */
export function useDocumentOffset(element: HTMLElement | null): number {
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    const container = element?.parentElement;
    if (!element || !container || typeof ResizeObserver === 'undefined') return;
    // A ResizeObserver reports once when it starts observing, so this also takes the first measure.
    const observer = new ResizeObserver(() =>
      setOffset(Math.round(element.getBoundingClientRect().top + window.scrollY)),
    );
    observer.observe(container);
    return () => observer.disconnect();
  }, [element]);
  return offset;
}
