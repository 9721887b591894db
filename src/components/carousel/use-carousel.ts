import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The state of a scroll-snap carousel: which item is first in view and how many fit. Buttons move
 * by an index (testable without layout); scrolling by touch, wheel or keys moves the index back.
 */
export function useCarousel(count: number) {
  const trackRef = useRef<HTMLUListElement>(null);
  const [index, setIndex] = useState(0);
  const [perPage, setPerPage] = useState(1);
  const lastIndex = Math.max(0, count - perPage);
  const current = Math.min(index, lastIndex);

  const measure = useCallback(() => {
    const layout = readLayout(trackRef.current);
    if (!layout) return; // No layout (jsdom, hidden): keep the index the buttons set.
    setPerPage(layout.perPage);
    setIndex(layout.atEnd ? Math.max(0, count - layout.perPage) : layout.index);
  }, [count]);

  useEffect(() => {
    const track = trackRef.current;
    if (!track) return;
    let frame = 0;
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(measure);
    };
    schedule();
    track.addEventListener('scroll', schedule, { passive: true });
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(schedule) : null;
    observer?.observe(track);
    return () => {
      cancelAnimationFrame(frame);
      track.removeEventListener('scroll', schedule);
      observer?.disconnect();
    };
  }, [measure]);

  const goTo = (target: number) => {
    const next = Math.min(Math.max(target, 0), lastIndex);
    setIndex(next);
    scrollToItem(trackRef.current, next);
  };

  return {
    trackRef,
    canGoPrevious: current > 0,
    canGoNext: current < lastIndex,
    previous: () => goTo(current - perPage),
    next: () => goTo(current + perPage),
  };
}

function readLayout(track: HTMLElement | null) {
  const items = track ? Array.from(track.children as HTMLCollectionOf<HTMLElement>) : [];
  const first = items[0];
  if (!track || !first || first.offsetWidth === 0) return null;
  const stride = items[1] ? items[1].offsetLeft - first.offsetLeft : first.offsetWidth;
  const gap = Math.max(0, stride - first.offsetWidth);
  return {
    perPage: Math.max(1, Math.floor((track.clientWidth + gap + 1) / stride)),
    index: Math.round(track.scrollLeft / stride),
    atEnd: track.scrollLeft + track.clientWidth >= track.scrollWidth - 2,
  };
}

function scrollToItem(track: HTMLElement | null, index: number) {
  const items = track?.children;
  const item = items?.[index] as HTMLElement | undefined;
  const first = items?.[0] as HTMLElement | undefined;
  // Older engines and jsdom lack Element.scrollTo; the index has moved either way.
  if (!track || !item || !first || typeof track.scrollTo !== 'function') return;
  const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  track.scrollTo({ left: item.offsetLeft - first.offsetLeft, behavior: reduceMotion ? 'auto' : 'smooth' });
}
