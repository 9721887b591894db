import { ExternalLink } from '../../../../components/external-link/external-link';
import type { NewsProviderRef } from '../../../../feed/schema';
import { displayHost } from '../../../../utils/safe-url';
import styles from './article-detail.module.css';

/** The page's main action: go read the whole story at its publisher. */
export function ReadOnLink({ url, provider }: { url: string; provider: NewsProviderRef }) {
  const host = displayHost(url);
  if (!host) return <p className={styles.readOnNote}>Originally published by {provider.name}</p>;
  return (
    <div className={styles.readOn}>
      <ExternalLink href={url} className={styles.readOnButton}>
        Read on {provider.name}
        <svg className={styles.readOnIcon} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M7 17L17 7M9 7h8v8" />
        </svg>
      </ExternalLink>
      <span className={styles.readOnNote}>The full story is on {host}</span>
    </div>
  );
}
