import type { Video } from '../../../feed/schema';

/** Same rule as the feed schema, checked again here because this string goes into an iframe URL. */
const VIDEO_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The player URL for a video, built by the app from the host and id alone (the feed's own embed
 * HTML is never used). Only allowlisted hosts, in their privacy-preserving modes; null otherwise.
 */
export function videoEmbedUrl(video: { host: string; id: string } | Video): string | null {
  if (!VIDEO_ID.test(video.id)) return null;
  switch (video.host) {
    case 'youtube':
      return `https://www.youtube-nocookie.com/embed/${video.id}`;
    case 'vimeo':
      return `https://player.vimeo.com/video/${video.id}?dnt=1`;
    default:
      return null;
  }
}
