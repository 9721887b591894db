import { useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useParams } from 'react-router-dom';
import { DocumentTitle } from '../../components/document-title/document-title';
import { LogoImage } from '../../components/logo-image/logo-image';
import { PageHeader } from '../../components/page-header/page-header';
import { formatArticleCount } from '../../features/articles/utils/format-count';
import { FeedError } from '../../feed/fetch-feed';
import { listTotal } from '../../feed/list-layout';
import { feedQueries, listQueries } from '../../feed/queries';
import type { ListRef } from '../../feed/urls';
import { ArticleBrowser } from '../article-browser/article-browser';
import { loadArticleList } from '../article-browser/load-article-list';
import { notFound } from '../not-found';
import { SLUG_PARAM } from '../paths';
import type { LazyRoute } from './lazy-route';

const providerList = (slug: string): ListRef => ({ kind: 'provider', slug });

/**
 * `/providers/:slug`. The header comes from the provider's own first list page (its cards carry
 * the provider, the page its count), not from the list of every provider, which grows with the feed.
 */
export function newsProviderRoute(queryClient: QueryClient): LazyRoute {
  return {
    loader: async ({ request, params }) => {
      const slug = params.slug ?? '';
      if (!SLUG_PARAM.test(slug)) throw notFound('News provider not found');
      await Promise.all([queryClient.ensureQueryData(feedQueries.start()), ensureFirstPage(queryClient, slug)]);
      return loadArticleList(queryClient, request, { provider: slug });
    },
    Component: NewsProviderPage,
  };
}

async function ensureFirstPage(queryClient: QueryClient, slug: string): Promise<void> {
  try {
    const first = await queryClient.ensureQueryData(listQueries.page(providerList(slug), 1));
    if (first.items.length === 0) throw notFound('News provider not found');
  } catch (error) {
    if (error instanceof FeedError && error.kind === 'not-found') throw notFound('News provider not found');
    throw error;
  }
}

function NewsProviderPage() {
  const { slug = '' } = useParams();
  // The same scope object while on this page: the article browser is memoized on it.
  const scope = useMemo(() => ({ provider: slug }), [slug]);
  const { data: first } = useSuspenseQuery(listQueries.page(providerList(slug), 1));
  const provider = first.items[0]?.provider;
  if (!provider) throw notFound('News provider not found');
  return (
    <>
      <DocumentTitle title={provider.name} />
      <PageHeader title={provider.name} media={<LogoImage logo={provider.logo} name={provider.name} size="large" />}>
        <p>
          {provider.domain} · {formatArticleCount(listTotal(first))}
        </p>
      </PageHeader>
      <ArticleBrowser key={slug} scope={scope} />
    </>
  );
}
