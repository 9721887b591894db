import { useState, type CSSProperties, type ReactNode } from 'react';
import type { Image } from '../../feed/schema';
import { isHttpUrl } from '../../utils/safe-url';
import styles from './image-with-fallback.module.css';

type ImageWithFallbackProps = {
  image: Image | null;
  alt: string;
  /** Shown in the same box when there is no usable image or it fails to load. */
  fallback: ReactNode;
  sizes?: string;
  /** For the one image that is the page's largest paint: loads eagerly and first. */
  priority?: boolean;
  className?: string;
};

/**
 * An image in a box whose aspect ratio comes from the image's own width and height (16:9 when
 * unknown), so nothing shifts while it loads or when it is replaced by the fallback.
 */
export function ImageWithFallback({
  image,
  alt,
  fallback,
  sizes,
  priority = false,
  className,
}: ImageWithFallbackProps) {
  // Remember which URL failed rather than a flag, so a new image gets its own chance.
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const usable = image !== null && isHttpUrl(image.url) && failedUrl !== image.url;
  // A custom property rather than `aspect-ratio` itself, so a row of cards can impose one ratio in CSS.
  const style = { '--image-ratio': image ? `${image.width} / ${image.height}` : '16 / 9' } as CSSProperties;

  return (
    <div className={className ? `${styles.box} ${className}` : styles.box} style={style}>
      {usable ? (
        <img
          className={styles.image}
          src={image.url}
          alt={alt}
          width={image.width}
          height={image.height}
          sizes={sizes}
          loading={priority ? 'eager' : 'lazy'}
          fetchPriority={priority ? 'high' : undefined}
          decoding="async"
          referrerPolicy="no-referrer"
          onError={() => setFailedUrl(image.url)}
        />
      ) : (
        <div className={styles.fallback}>{fallback}</div>
      )}
    </div>
  );
}
