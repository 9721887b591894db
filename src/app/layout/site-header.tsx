import { memo } from 'react';
import { Link, NavLink } from 'react-router-dom';
import { paths } from '../paths';
import styles from './site-header.module.css';
import { ThemeToggle } from './theme-toggle';

/**
 * Memoized: the layout re-renders as every navigation starts and ends; the header's links follow
 * the location by themselves.
 */
export const SiteHeader = memo(function SiteHeader() {
  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <Link to={paths.home()} className={styles.brand}>
          <span className={styles.mark} aria-hidden="true">
            N
          </span>
          Newsstand
        </Link>
        <nav aria-label="Main" className={styles.nav}>
          <NavLink to={paths.home()} end className={styles.link}>
            Home
          </NavLink>
          <NavLink to={paths.topics()} className={styles.link}>
            Topics
          </NavLink>
        </nav>
        <ThemeToggle />
      </div>
    </header>
  );
});
