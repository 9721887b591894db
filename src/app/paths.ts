/** Every route path of the reader, built in one place. */
export const paths = {
  home: () => '/',
  topics: () => '/topics',
  topic: (slug: string) => `/topics/${encodeURIComponent(slug)}`,
  provider: (slug: string) => `/providers/${encodeURIComponent(slug)}`,
  article: (slug: string) => `/articles/${encodeURIComponent(slug)}`,
};
