/**
 * Fetches and validates feed files. Every response is parsed with its schema here, at the
 * boundary, so the rest of the reader only ever sees well-formed data.
 */
import * as v from 'valibot';
import { FeedError } from './feed-error';
import { FEED_SCHEMA_VERSION } from './schema';

export { FeedError, type FeedErrorKind } from './feed-error';

/** How long one feed file may take before the reader gives up and offers a retry. */
export const FEED_TIMEOUT_MS = 15_000;

/**
 * Fetch `url` and parse it with `schema`; throws FeedError for every way that can fail. An abort
 * by `signal` (the query was cancelled) is rethrown as it is, not as a FeedError.
 */
export async function fetchFeedFile<TSchema extends v.GenericSchema>(
  url: string,
  schema: TSchema,
  signal?: AbortSignal,
): Promise<v.InferOutput<TSchema>> {
  // A plain timer rather than AbortSignal.timeout, so tests can drive it with fake timers.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, FEED_TIMEOUT_MS);
  const forwardAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) forwardAbort();
  else signal?.addEventListener('abort', forwardAbort, { once: true });

  const failure = (error: unknown, otherwise: FeedError) => {
    if (timedOut) return new FeedError('timeout', url, `The feed did not answer within ${FEED_TIMEOUT_MS / 1000} s.`);
    return signal?.aborted ? error : otherwise;
  };
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: controller.signal });
    } catch (error) {
      throw failure(error, new FeedError('network', url, 'The feed could not be reached.'));
    }
    checkResponse(url, response);
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      throw failure(error, new FeedError('invalid', url, 'The feed file is damaged or incomplete.'));
    }
    return parseFeedJson(url, schema, json);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}

function checkResponse(url: string, response: Response): void {
  if (response.status === 404) throw new FeedError('not-found', url, 'This part of the feed does not exist.', 404);
  if (!response.ok)
    throw new FeedError('http', url, `The feed answered with an error (${response.status}).`, response.status);
  // Single-page-app hosts (and Vite's dev server) answer a missing file with index.html and 200.
  if (/^text\/html\b/i.test(response.headers.get('content-type') ?? '')) {
    throw new FeedError('not-found', url, 'This part of the feed does not exist.', 404);
  }
}

function parseFeedJson<TSchema extends v.GenericSchema>(
  url: string,
  schema: TSchema,
  json: unknown,
): v.InferOutput<TSchema> {
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version !== FEED_SCHEMA_VERSION) {
    throw new FeedError(
      'version',
      url,
      `The feed uses format version ${version}; this reader understands version ${FEED_SCHEMA_VERSION}.`,
    );
  }
  const result = v.safeParse(schema, json);
  if (!result.success) {
    const issue = result.issues[0];
    const path = v.getDotPath(issue) ?? '(root)';
    throw new FeedError('invalid', url, `The feed file is not in the expected format (${path}: ${issue.message}).`);
  }
  return result.output;
}
