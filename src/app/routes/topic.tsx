import { useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useParams } from 'react-router-dom';
import { DocumentTitle } from '../../components/document-title/document-title';
import { PageHeader } from '../../components/page-header/page-header';
import { formatArticleCount } from '../../features/articles/utils/format-count';
import { feedQueries } from '../../feed/queries';
import { ArticleBrowser } from '../article-browser/article-browser';
import { loadArticleList } from '../article-browser/load-article-list';
import { notFound } from '../not-found';
import type { LazyRoute } from './lazy-route';

export function topicRoute(queryClient: QueryClient): LazyRoute {
  return {
    loader: async ({ request, params }) => {
      const [{ topics }] = await Promise.all([
        queryClient.ensureQueryData(feedQueries.topics()),
        queryClient.ensureQueryData(feedQueries.start()),
      ]);
      const slug = params.slug ?? '';
      if (!topics.some((topic) => topic.slug === slug)) throw notFound('Topic not found');
      return loadArticleList(queryClient, request, { topic: slug });
    },
    Component: TopicPage,
  };
}

function TopicPage() {
  const { slug = '' } = useParams();
  // The same scope object while on this page: the article browser is memoized on it.
  const scope = useMemo(() => ({ topic: slug }), [slug]);
  const { data } = useSuspenseQuery(feedQueries.topics());
  const topic = data.topics.find((candidate) => candidate.slug === slug);
  if (!topic) throw notFound('Topic not found');
  return (
    <>
      <DocumentTitle title={topic.name} />
      <PageHeader title={topic.name}>
        <p>{formatArticleCount(topic.count)} on this topic</p>
      </PageHeader>
      <ArticleBrowser key={slug} scope={scope} />
    </>
  );
}
