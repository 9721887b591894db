import { createContext, useContext } from 'react';

export interface FeedUpdate {
  /** A newer feed was published while reading, and the reader has switched to it. */
  updated: boolean;
  dismiss(): void;
}

export const FeedUpdateContext = createContext<FeedUpdate>({ updated: false, dismiss: () => {} });

/** Whether the reader has just switched to a newer feed (see watchFeedBuilds). */
export function useFeedUpdate(): FeedUpdate {
  return useContext(FeedUpdateContext);
}
