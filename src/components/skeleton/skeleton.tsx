import type { CSSProperties } from 'react';
import styles from './skeleton.module.css';

type SkeletonProps = {
  /** Any CSS length; defaults to the full width of its container. */
  width?: string;
  /** Any CSS length; defaults to one line of text. */
  height?: string;
  className?: string;
};

/** A shimmering placeholder block. Decorative: the view that shows it announces the loading. */
export function Skeleton({ width, height, className }: SkeletonProps) {
  const style: CSSProperties = { width, height };
  return (
    <span
      className={className ? `${styles.skeleton} ${className}` : styles.skeleton}
      style={style}
      aria-hidden="true"
    />
  );
}
