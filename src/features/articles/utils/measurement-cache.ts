import type { VirtualItem } from '@tanstack/react-virtual';

const MAX_REMEMBERED = 30;
// Per history entry, so going back to a list finds its rows at their measured heights and the
// restored scroll position lands on the same card.
const remembered = new Map<string, VirtualItem[]>();

export function rememberedMeasurements(locationKey: string): VirtualItem[] | undefined {
  return remembered.get(locationKey);
}

export function rememberMeasurements(locationKey: string, items: VirtualItem[]): void {
  remembered.delete(locationKey);
  remembered.set(locationKey, items);
  for (const oldest of remembered.keys()) {
    if (remembered.size <= MAX_REMEMBERED) break;
    remembered.delete(oldest);
  }
}
