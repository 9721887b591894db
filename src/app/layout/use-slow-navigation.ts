import { useEffect, useState } from 'react';
import { useNavigation } from 'react-router-dom';

/** How long a navigation loads before the page says it is busy. */
const SLOW_NAVIGATION_MS = 100;

/**
 * True while a navigation has been loading for a while. Most finish within a frame or two (a
 * search in the worker, a cached list page): showing they are busy for that long would only
 * cost a render and a style change (and another to undo them) before the new page can paint.
 */
export function useSlowNavigation(): boolean {
  const loading = useNavigation().state === 'loading';
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!loading) return;
    const timer = setTimeout(() => setSlow(true), SLOW_NAVIGATION_MS);
    return () => {
      clearTimeout(timer);
      setSlow(false);
    };
  }, [loading]);
  return loading && slow;
}
