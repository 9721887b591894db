import { data } from 'react-router-dom';

/** Throw from a loader so the error boundary says what was not found (e.g. "Topic not found"). */
export function notFound(message = 'Page not found') {
  return data(message, { status: 404, statusText: 'Not Found' });
}
