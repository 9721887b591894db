import { isRouteErrorResponse, Link, useRevalidator, useRouteError } from 'react-router-dom';
import { NotFoundPage } from './not-found-page';
import { DocumentTitle } from '../../components/document-title/document-title';
import { describeError } from '../../components/error-panel/describe-error';
import { paths } from '../paths';
import styles from './root-error-boundary.module.css';

/** Tells a missing page (404, said precisely: "Topic not found") from a crash, and offers a way on. */
export function RootErrorBoundary() {
  const error = useRouteError();
  const notFound = notFoundMessage(error);
  return notFound ? <NotFoundPage message={notFound} /> : <CrashPage error={error} />;
}

function notFoundMessage(error: unknown): string | null {
  if (isRouteErrorResponse(error) && error.status === 404) {
    return typeof error.data === 'string' && error.data.trim() ? error.data : 'Page not found';
  }
  // A feed file that is missing (a manifest or shard, say, mid-deploy) is a failure to retry, not a
  // missing page: loaders turn a missing article, topic or provider into a 404 response themselves.
  return null;
}

function CrashPage({ error }: { error: unknown }) {
  const revalidator = useRevalidator();
  const { message, action } = describeError(error);
  return (
    <section className={styles.page} aria-labelledby="error-title" role="alert">
      <DocumentTitle title="Something went wrong" />
      <h1 id="error-title" className={styles.title}>
        Something went wrong
      </h1>
      <p className={styles.text}>{message}</p>
      <p className={styles.actions}>
        {action === 'reload' ? (
          <button type="button" className={`button-primary ${styles.primary}`} onClick={() => window.location.reload()}>
            Reload page
          </button>
        ) : (
          <button type="button" className={`button-primary ${styles.primary}`} onClick={() => revalidator.revalidate()}>
            Try again
          </button>
        )}
        <Link to={paths.home()}>Go to the latest news</Link>
      </p>
    </section>
  );
}
