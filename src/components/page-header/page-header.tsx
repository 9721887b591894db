import type { ReactNode } from 'react';
import styles from './page-header.module.css';

type PageHeaderProps = {
  title: string;
  /** A lead-in under the heading: a count, a description. */
  children?: ReactNode;
  /** Shown before the heading, e.g. a logo. */
  media?: ReactNode;
};

/** The page's one `<h1>`, with an optional lead-in. */
export function PageHeader({ title, children, media }: PageHeaderProps) {
  return (
    <header className={styles.header}>
      {media}
      <div>
        <h1 className={styles.title}>{title}</h1>
        {children && <div className={styles.lead}>{children}</div>}
      </div>
    </header>
  );
}
