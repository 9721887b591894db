import { useState } from 'react';
import { initials, logoSource } from './logo-source';
import styles from './logo-image.module.css';

type LogoImageProps = {
  /** As the feed gives it: a feed-relative path or an http(s) URL. */
  logo: string | null;
  /** Whose logo; its initials stand in when the logo is missing or fails. */
  name: string;
  size?: 'small' | 'large';
};

/** A square logo, decorative (the name is always written beside it), with an initials fallback. */
export function LogoImage({ logo, name, size = 'small' }: LogoImageProps) {
  const src = logoSource(import.meta.env.BASE_URL, logo);
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const className = `${styles.logo} ${styles[size]}`;

  if (src === null || failedSrc === src) {
    return (
      <span className={`${className} ${styles.initials}`} aria-hidden="true">
        {initials(name)}
      </span>
    );
  }
  return (
    <img
      className={className}
      src={src}
      alt=""
      loading="lazy"
      decoding="async"
      referrerPolicy="no-referrer"
      onError={() => setFailedSrc(src)}
    />
  );
}
