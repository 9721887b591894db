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
  const format = relativeFormat(locale);
  const distance = Math.abs(seconds);
  for (const [unit, size] of UNITS) {
    if (distance >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** "Friday, October 20, 2023 at 5:30 PM"; an empty string when the date is invalid. */
export function formatExactDate(date: Date, locale?: string, timeZone?: string): string {
  if (Number.isNaN(date.getTime())) return '';
  return dateFormat('full', locale, timeZone).format(date);
}

/** "October 20, 2023": the short form shown beside a relative time. */
export function formatLongDate(date: Date, locale?: string, timeZone?: string): string {
  if (Number.isNaN(date.getTime())) return '';
  return dateFormat('long', locale, timeZone).format(date);
}

// Building an Intl formatter costs far more than formatting with one, and every card of a list
// formats two dates: keep one formatter per locale and time zone.
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function relativeFormat(locale: string | undefined): Intl.RelativeTimeFormat {
  const key = locale ?? '';
  let format = relativeFormats.get(key);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(key, format);
  }
  return format;
}

function dateFormat(
  style: 'full' | 'long',
  locale: string | undefined,
  timeZone: string | undefined,
): Intl.DateTimeFormat {
  const key = `${style}|${locale ?? ''}|${timeZone ?? ''}`;
  let format = dateFormats.get(key);
  if (!format) {
    format =
      style === 'full'
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone })
        : new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
    dateFormats.set(key, format);
  }
  return format;
}
