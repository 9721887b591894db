/** Every route path of the reader, built in one place. */
export const paths = {
  home: () => '/',
  topics: () => '/topics',
  topic: (slug: string) => `/topics/${encodeURIComponent(slug)}`,
  provider: (slug: string) => `/providers/${encodeURIComponent(slug)}`,
  article: (slug: string) => `/articles/${encodeURIComponent(slug)}`,
};

/** A slug a route param may carry for a feed file (article, topic, news provider). */
export const SLUG_PARAM = /^[a-z0-9][a-z0-9-]{0,199}$/;
