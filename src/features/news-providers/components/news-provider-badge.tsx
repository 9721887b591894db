import { Link } from 'react-router-dom';
import { paths } from '../../../app/paths';
import { LogoImage } from '../../../components/logo-image/logo-image';
import type { NewsProviderRef } from '../../../feed/schema';
import styles from './news-provider-badge.module.css';

type NewsProviderBadgeProps = {
  provider: NewsProviderRef;
  /** Link to the provider's page; off inside another link (a card), where links cannot nest. */
  linked?: boolean;
};

/** A news provider's small logo and name. The logo is decorative: the name is always written. */
export function NewsProviderBadge({ provider, linked = false }: NewsProviderBadgeProps) {
  const content = (
    <>
      <LogoImage logo={provider.logo} name={provider.name} />
      <span className={styles.name}>{provider.name}</span>
    </>
  );
  return linked ? (
    <Link to={paths.provider(provider.slug)} className={`${styles.badge} ${styles.link}`}>
      {content}
    </Link>
  ) : (
    <span className={styles.badge}>{content}</span>
  );
}
