import type { Video } from '../../../../feed/schema';
import { videoEmbedUrl } from '../../utils/video-embed-url';
import styles from './video-embed.module.css';

/** An allowlisted player in a 16:9 box, sandboxed and lazy; nothing at all for anything else. */
export function VideoEmbed({ video, title }: { video: Video; title: string }) {
  const src = videoEmbedUrl(video);
  if (!src) return null;
  return (
    <div className={styles.frame}>
      <iframe
        className={styles.player}
        src={src}
        title={`Video: ${title}`}
        loading="lazy"
        referrerPolicy="strict-origin-when-cross-origin"
        sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"
        allow="encrypted-media; picture-in-picture; fullscreen"
        allowFullScreen
      />
    </div>
  );
}
