/**
 * The reader's one error type for feed files, in a module of its own (no schema, no fetch), so
 * the error pages can tell a feed failure apart without loading the fetching code.
 */

export type FeedErrorKind = 'not-found' | 'http' | 'network' | 'timeout' | 'invalid' | 'version';

/** A feed file could not be used; `kind` tells the reader what to say and whether to retry. */
export class FeedError extends Error {
  readonly kind: FeedErrorKind;
  readonly status: number | null;
  readonly url: string;

  constructor(kind: FeedErrorKind, url: string, message: string, status: number | null = null) {
    super(message);
    this.name = 'FeedError';
    this.kind = kind;
    this.url = url;
    this.status = status;
  }
}
