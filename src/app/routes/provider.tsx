import { useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { DocumentTitle } from '../../components/document-title/document-title';
import { LogoImage } from '../../components/logo-image/logo-image';
import { PageHeader } from '../../components/page-header/page-header';
import { formatArticleCount } from '../../features/articles/utils/format-count';
import { feedQueries } from '../../feed/queries';
import { ArticleBrowser } from '../article-browser/article-browser';
import { loadArticleList } from '../article-browser/load-article-list';
import { notFound } from '../not-found';
import type { LazyRoute } from './lazy-route';

export function newsProviderRoute(queryClient: QueryClient): LazyRoute {
  return {
    loader: async ({ request, params }) => {
      const manifest = await queryClient.ensureQueryData(feedQueries.manifest());
      const slug = params.slug ?? '';
      if (!manifest.providers.some((provider) => provider.slug === slug)) throw notFound('News provider not found');
      return loadArticleList(queryClient, request, { provider: slug });
    },
    Component: NewsProviderPage,
  };
}

function NewsProviderPage() {
  const { slug = '' } = useParams();
  const { data: manifest } = useSuspenseQuery(feedQueries.manifest());
  const provider = manifest.providers.find((candidate) => candidate.slug === slug);
  if (!provider) throw notFound('News provider not found');
  return (
    <>
      <DocumentTitle title={provider.name} />
      <PageHeader title={provider.name} media={<LogoImage logo={provider.logo} name={provider.name} size="large" />}>
        <p>
          {provider.domain} · {formatArticleCount(provider.count)}
        </p>
      </PageHeader>
      <ArticleBrowser key={slug} scope={{ provider: slug }} />
    </>
  );
}
