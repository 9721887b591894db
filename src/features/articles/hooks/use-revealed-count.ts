import { useState } from 'react';

const STEP = 200;
const AHEAD = 50;

/**
 * How many of `total` rows the virtualizer is told about: what the reader has scrolled near,
 * plus a step. The virtualizer re-lays out rows from a resized one to its count, so a count of
 * 100,000 would make every newly measured card cost 100,000 layouts; this keeps it to a step's
 * worth. `seen` restores a deeper list (coming back to it). Call `reveal` with the last row shown.
 */
export function useRevealedCount(total: number, seen = 0) {
  const [revealed, setRevealed] = useState(() => Math.max(STEP, seen));
  const reveal = (lastShown: number) => {
    if (lastShown >= revealed - AHEAD && revealed < total) setRevealed(Math.min(total, revealed + STEP));
  };
  return [Math.min(total, revealed), reveal] as const;
}
