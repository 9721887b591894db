import { describe, expect, it } from 'vitest';
import { formatExactDate, formatLongDate, formatRelativeTime } from './format-date';

const now = new Date('2023-10-23T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('formatRelativeTime', () => {
  it.each([
    [10, 'now'],
    [90, '1 minute ago'],
    [45 * 60, '45 minutes ago'],
    [3 * 3600, '3 hours ago'],
    [26 * 3600, 'yesterday'],
    [3 * 86400, '3 days ago'],
    [8 * 86400, 'last week'],
    [20 * 86400, '2 weeks ago'],
    [65 * 86400, '2 months ago'],
    [400 * 86400, 'last year'],
    [4 * 365 * 86400, '4 years ago'],
  ])('says %i seconds ago as "%s"', (seconds, expected) => {
    expect(formatRelativeTime(ago(seconds), now, 'en')).toBe(expected);
  });

  it('speaks of the future too', () => {
    expect(formatRelativeTime(ago(-2 * 3600), now, 'en')).toBe('in 2 hours');
  });

  it('follows the locale', () => {
    expect(formatRelativeTime(ago(3 * 86400), now, 'de')).toBe('vor 3 Tagen');
  });

  it('returns nothing for an invalid date', () => {
    expect(formatRelativeTime(new Date('not a date'), now, 'en')).toBe('');
  });
});

describe('formatExactDate', () => {
  it('gives the full date and time in the given zone', () => {
    const date = new Date('2023-10-20T17:30:59Z');
    expect(formatExactDate(date, 'en-US', 'UTC')).toMatch(/^Friday, October 20, 2023 at 5:30\sPM$/);
  });

  it('returns nothing for an invalid date', () => {
    expect(formatExactDate(new Date(''), 'en-US', 'UTC')).toBe('');
  });
});

describe('formatLongDate', () => {
  it('gives the day without the time', () => {
    expect(formatLongDate(new Date('2019-08-19T21:00:10Z'), 'en-US', 'UTC')).toBe('August 19, 2019');
  });
});
