import { Link } from 'react-router-dom';
import { DocumentTitle } from '../../components/document-title/document-title';
import { paths } from '../paths';
import styles from './root-error-boundary.module.css';

/** A 404 that says what was not found ("Topic not found") and offers a way on. */
export function NotFoundPage({ message = 'Page not found' }: { message?: string }) {
  return (
    <section className={styles.page} aria-labelledby="error-title">
      <DocumentTitle title={message} />
      <p className={styles.code}>404</p>
      <h1 id="error-title" className={styles.title}>
        {message}
      </h1>
      <p className={styles.text}>The link may be old, or the address mistyped.</p>
      <p className={styles.actions}>
        <Link to={paths.home()} className={`button-primary ${styles.primary}`}>
          Go to the latest news
        </Link>
        <Link to={paths.topics()}>Browse topics</Link>
      </p>
    </section>
  );
}
