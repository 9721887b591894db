import { useId, type ReactNode } from 'react';
import type { ArticleDetail as ArticleDetailData } from '../../../../feed/schema';
import { summaryText } from '../../utils/summary-text';
import { ArticleMedia } from './article-media';
import { ArticleMeta } from './article-meta';
import { ArticleTopics } from './article-topics';
import styles from './article-detail.module.css';
import { ReadOnLink } from './read-on-link';

type ArticleDetailProps = {
  article: ArticleDetailData;
  /** The news provider's badge, composed by the route (features do not import each other). */
  providerBadge: ReactNode;
  /** Further reading below the article, such as the related carousels. */
  children?: ReactNode;
};

/** One article: media, topics, title, provider and date, the summary, and the way to the publisher. */
export function ArticleDetail({ article, providerBadge, children }: ArticleDetailProps) {
  const titleId = useId();
  return (
    <div className={styles.page}>
      <article className={styles.article} aria-labelledby={titleId}>
        <ArticleMedia article={article} />
        <header className={styles.header}>
          <ArticleTopics topics={article.topics} />
          <h1 id={titleId} className={styles.title}>
            {article.title}
          </h1>
          <ArticleMeta providerBadge={providerBadge} publishedAt={article.publishedAt} />
        </header>
        {article.excerpt.trim() && <p className={styles.excerpt}>{summaryText(article.excerpt)}</p>}
        <ReadOnLink url={article.originalUrl} provider={article.provider} />
      </article>
      {children && <div className={styles.further}>{children}</div>}
    </div>
  );
}
