import {
  measureElement,
  useWindowVirtualizer,
  windowScroll,
  type Rect,
  type Virtualizer,
  type VirtualizerOptions,
} from '@tanstack/react-virtual';
import { memo, useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { ErrorPanel } from '../../../../components/error-panel/error-panel';
import { useDocumentOffset } from '../../hooks/use-document-offset';
import { useAfterFirstPaint } from '../../hooks/use-after-first-paint';
import { useFeedPages, type FeedSource } from '../../hooks/use-feed-pages';
import { useRevealedCount } from '../../hooks/use-revealed-count';
import { rememberedMeasurements, rememberMeasurements } from '../../utils/measurement-cache';
import { FeedRow } from './feed-row';
import styles from './article-feed.module.css';

type ArticleFeedProps = {
  source: FeedSource;
  /** The id of the heading that names this list. */
  labelledBy: string;
  /** Results are being recomputed (a filter changed): say so to assistive technology. */
  busy?: boolean;
};

/**
 * The results as an ARIA feed, virtualized against the window: only the rows on screen (plus a
 * few) exist in the DOM, only the shard pages holding them are fetched, and more rows are
 * revealed as the reader nears the end. Remount it (a `key`) when the results change.
 *
 * Its first render is kept small, since the new count paints with it: the rows on screen only
 * (no overscan), placeholders, no fetches; once that frame is painted, the rows around it and
 * the card pages follow.
 */
export const ArticleFeed = memo(function ArticleFeed({ source, labelledBy, busy = false }: ArticleFeedProps) {
  const { key } = useLocation();
  const painted = useAfterFirstPaint();
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const scrollMargin = useDocumentOffset(element);
  const remembered = rememberedMeasurements(key);
  const [count, reveal] = useRevealedCount(source.count, remembered?.length);
  // The window's size, read once while rendering rather than in the commit, where reading it
  // forces a layout of the rows just added. As the initial rect, it also lets the first render
  // draw every row on screen (time-sliced), not a few and the rest in a synchronous re-render.
  const [viewport] = useState(readViewport);
  const virtualizer = useWindowVirtualizer({
    count,
    estimateSize: () => estimateSize(viewport),
    initialRect: viewport,
    observeElementRect: observeWindowSize,
    scrollToFn: scrollWindow,
    overscan: painted ? 4 : 0,
    scrollMargin,
    initialMeasurementsCache: remembered,
    measureElement: measureOrEstimate,
    useFlushSync: false,
  });
  useEffect(() => () => rememberMeasurements(key, virtualizer.measurementsCache), [key, virtualizer]);

  // Prerendered (no window): nothing has been measured to place rows by, so the snapshot shows
  // its first rows in the normal flow; the live list replaces it.
  const inFlow = viewport.height === 0;
  const items = inFlow ? firstRows(count) : virtualizer.getVirtualItems();
  reveal(items.at(-1)?.index ?? 0);
  const pages = useFeedPages(
    source,
    items.map((item) => item.index),
    painted,
  );

  return (
    <>
      {pages.error !== null && (
        <ErrorPanel title="Some articles could not be loaded" error={pages.error} onRetry={pages.retry} />
      )}
      <div
        ref={setElement}
        role="feed"
        aria-labelledby={labelledBy}
        aria-busy={busy || pages.pending}
        className={styles.feed}
        style={inFlow ? undefined : { height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => (
          <div
            key={item.key}
            ref={virtualizer.measureElement}
            data-index={item.index}
            className={inFlow ? styles.flowRow : styles.row}
            style={inFlow ? undefined : { transform: `translateY(${item.start - scrollMargin}px)` }}
          >
            <FeedRow card={pages.cardAt(item.index)} position={item.index + 1} setSize={source.count} />
          </div>
        ))}
      </div>
    </>
  );
});

/** Rows a prerendered snapshot shows: a first screen, at any width. */
const SNAPSHOT_ROWS = 6;

function firstRows(count: number) {
  return Array.from({ length: Math.min(count, SNAPSHOT_ROWS) }, (_, index) => ({ index, key: index, start: 0 }));
}

function readViewport(): Rect {
  return typeof window === 'undefined'
    ? { width: 0, height: 0 }
    : { width: window.innerWidth, height: window.innerHeight };
}

function estimateSize(viewport: Rect): number {
  return viewport.width > 0 && viewport.width < 640 ? 440 : 220;
}

/**
 * react-virtual's window observer and scroll, minus the layout they force as the list mounts:
 * reading the window's size, or scrolling it to where it already is, inside React's commit makes
 * the browser style and lay out every row just added, in the middle of the commit's long task.
 * The first size is the one read while rendering (`initialRect`); later ones come on resize.
 */
function observeWindowSize(instance: Virtualizer<Window, Element>, onSize: (rect: Rect) => void) {
  const target = instance.scrollElement;
  if (!target) return;
  const report = () => onSize({ width: target.innerWidth, height: target.innerHeight });
  onSize(instance.options.initialRect);
  target.addEventListener('resize', report, { passive: true });
  return () => target.removeEventListener('resize', report);
}

const mounted = new WeakSet<Virtualizer<Window, Element>>();

/** The mount's first write only restates the offset read while rendering: skip it; write the rest. */
const scrollWindow: VirtualizerOptions<Window, Element>['scrollToFn'] = (offset, options, instance) => {
  const first = !mounted.has(instance);
  mounted.add(instance);
  if (first && !options.adjustments && !options.behavior) return;
  windowScroll(offset, options, instance);
};

// Without layout (jsdom, a hidden tab) an element measures 0; keep the estimate so the list
// still renders a screenful instead of every row at height 0.
function measureOrEstimate(
  element: Element,
  entry: ResizeObserverEntry | undefined,
  instance: Virtualizer<Window, Element>,
): number {
  if (!entry) {
    // A row just mounted: reading its size here would force style and layout inside React's
    // commit. Keep its last size (or the estimate); the ResizeObserver reports the real one
    // right after layout.
    const index = instance.indexFromElement(element);
    return instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? instance.options.estimateSize(index);
  }
  const size = measureElement(element, entry, instance);
  return size > 0 ? size : instance.options.estimateSize(instance.indexFromElement(element));
}
