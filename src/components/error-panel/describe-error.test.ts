import { describe, expect, it } from 'vitest';
import { FeedError, type FeedErrorKind } from '../../feed/fetch-feed';
import { describeError } from './describe-error';

const feedError = (kind: FeedErrorKind, status: number | null = null) =>
  new FeedError(kind, '/feed/index.json', 'technical detail', status);

describe('describeError', () => {
  it.each<[FeedErrorKind, RegExp]>([
    ['not-found', /could not find/],
    ['network', /could not reach the server/],
    ['timeout', /took too long/],
    ['invalid', /damaged or incomplete/],
  ])('explains %s and offers a retry', (kind, message) => {
    expect(describeError(feedError(kind))).toEqual({ message: expect.stringMatching(message), action: 'retry' });
  });

  it('mentions the HTTP status', () => {
    expect(describeError(feedError('http', 503)).message).toContain('error 503');
  });

  it('asks for a reload when the feed format changed', () => {
    expect(describeError(feedError('version')).action).toBe('reload');
  });

  it('does not repeat the text of an unknown error', () => {
    const { message } = describeError(new Error('<img src=x onerror=alert(1)>'));
    expect(message).not.toContain('img');
    expect(message).toMatch(/Something went wrong/);
  });
});
