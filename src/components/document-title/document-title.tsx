const SITE_NAME = 'Newsstand';

/** The document title for the current view; React hoists `<title>` into the head. */
export function DocumentTitle({ title }: { title?: string }) {
  return <title>{title ? `${title} · ${SITE_NAME}` : SITE_NAME}</title>;
}
