import { useEffect, useState } from 'react';

/**
 * False for the first render, true once the frame showing it has been painted; true at once
 * where nothing paints (no layout engine, as in jsdom, or a hidden tab).
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(
    () => typeof ResizeObserver === 'undefined' || typeof document === 'undefined' || document.hidden,
  );
  useEffect(() => {
    if (painted) return;
    // A new ResizeObserver reports in the rendering steps of the next frame, before its paint; a
    // message posted from there is handled after the paint. Neither depends on timers.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => setPainted(true);
    const observer = new ResizeObserver(() => {
      observer.disconnect();
      channel.port2.postMessage(null);
    });
    observer.observe(document.documentElement);
    return () => {
      observer.disconnect();
      channel.port1.close();
    };
  }, [painted]);
  return painted;
}
