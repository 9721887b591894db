import { ImageWithFallback } from '../../../../components/image-with-fallback/image-with-fallback';
import { LogoImage } from '../../../../components/logo-image/logo-image';
import type { ArticleDetail } from '../../../../feed/schema';
import { videoEmbedUrl } from '../../utils/video-embed-url';
import { VideoEmbed } from '../video-embed/video-embed';
import styles from './article-detail.module.css';

/** The top of the article: the video player when there is an allowlisted one, else the lead image. */
export function ArticleMedia({ article }: { article: ArticleDetail }) {
  if (article.video && videoEmbedUrl(article.video)) {
    return <VideoEmbed video={article.video} title={article.title} />;
  }
  return (
    <ImageWithFallback
      className={styles.hero}
      image={article.image}
      alt=""
      sizes="(min-width: 44rem) 44rem, 100vw"
      priority
      fallback={<LogoImage logo={article.provider.logo} name={article.provider.name} size="large" />}
    />
  );
}
