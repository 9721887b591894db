import { useId, useState } from 'react';
import { formatExactDate, formatRelativeTime } from './format-date';
import styles from './relative-time.module.css';

/**
 * "3 days ago" in a <time> element; the exact date shows in a tooltip on hover and on keyboard
 * focus, and assistive technology hears it as the description.
 */
export function RelativeTime({ date }: { date: string }) {
  // The moment of the first render: the text stays put instead of ticking while someone reads.
  const [now] = useState(() => new Date());
  const tooltipId = useId();
  const parsed = new Date(date);
  const exact = formatExactDate(parsed);
  if (!exact) return null;

  return (
    <span className={styles.wrapper}>
      {/* Focusable so keyboard users can reveal the exact date, like pointer users on hover. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <time className={styles.time} dateTime={parsed.toISOString()} tabIndex={0} aria-describedby={tooltipId}>
        {formatRelativeTime(parsed, now)}
      </time>
      <span role="tooltip" id={tooltipId} className={styles.tooltip}>
        {exact}
      </span>
    </span>
  );
}
