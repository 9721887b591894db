/** Pure date formatting for RelativeTime; `now`, locale and time zone are parameters so tests are exact. */

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/** Largest unit first: the first whose size the distance reaches is the one we say. */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', YEAR],
  ['month', MONTH],
  ['week', WEEK],
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
];

/** "3 days ago", "in 2 hours", "yesterday", "now"; an empty string when the date is invalid. */
export function formatRelativeTime(date: Date, now: Date, locale?: string): string {
  if (Number.isNaN(date.getTime())) return '';
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const distance = Math.abs(seconds);
  for (const [unit, size] of UNITS) {
    if (distance >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** "Friday, October 20, 2023 at 5:30 PM"; an empty string when the date is invalid. */
export function formatExactDate(date: Date, locale?: string, timeZone?: string): string {
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(date);
}

/** "October 20, 2023": the short form shown beside a relative time. */
export function formatLongDate(date: Date, locale?: string, timeZone?: string): string {
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(date);
}
