import { QueryErrorResetBoundary } from '@tanstack/react-query';
import { Suspense, type ReactNode } from 'react';
import { ErrorCatcher } from './error-catcher';

type QueryBoundaryProps = {
  /** What failed, in the reader's words: "The articles could not be loaded". */
  errorTitle: string;
  /** Shown while the data loads: a skeleton of the view. */
  loading: ReactNode;
  /** The boundary clears itself when this changes (the reader moved on). */
  resetKey?: string;
  children: ReactNode;
};

/**
 * One view's loading and error states: a skeleton while its queries suspend, an error panel
 * with a Retry that refetches them when they fail. The rest of the page keeps working.
 */
export function QueryBoundary({ errorTitle, loading, resetKey = '', children }: QueryBoundaryProps) {
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <ErrorCatcher title={errorTitle} onReset={reset} resetKey={resetKey}>
          <Suspense fallback={loading}>{children}</Suspense>
        </ErrorCatcher>
      )}
    </QueryErrorResetBoundary>
  );
}
