import { FeedError } from '../../feed/feed-error';

/** What to tell a reader about an error, and what they can do about it. */
export type ErrorDescription = {
  message: string;
  /** `reload` when only a fresh copy of the app can help (the feed's format changed). */
  action: 'retry' | 'reload';
};

/** Clear sentences for every way the feed can fail; never the raw text of an unknown error. */
export function describeError(error: unknown): ErrorDescription {
  if (!(error instanceof FeedError)) {
    return { message: 'Something went wrong while showing this page. Please try again.', action: 'retry' };
  }
  switch (error.kind) {
    case 'not-found':
      return {
        message: 'We could not find part of the news feed. It may be being updated; please try again in a moment.',
        action: 'retry',
      };
    case 'http':
      return {
        message: `The server had a problem${error.status ? ` (error ${error.status})` : ''}. Please try again in a moment.`,
        action: 'retry',
      };
    case 'network':
      return { message: 'We could not reach the server. Check your connection and try again.', action: 'retry' };
    case 'timeout':
      return { message: 'The server took too long to answer. Please try again.', action: 'retry' };
    case 'invalid':
      return { message: 'The news we received was damaged or incomplete. Please try again.', action: 'retry' };
    case 'version':
      return { message: 'Newsstand has been updated. Reload the page to get the latest version.', action: 'reload' };
  }
}
