import { describe, expect, it } from 'vitest';
import { videoEmbedUrl } from './video-embed-url';

describe('videoEmbedUrl', () => {
  it('embeds YouTube without cookies', () => {
    expect(videoEmbedUrl({ host: 'youtube', id: 'WJk-Y8LQlfE' })).toBe(
      'https://www.youtube-nocookie.com/embed/WJk-Y8LQlfE',
    );
  });

  it('embeds Vimeo with do-not-track', () => {
    expect(videoEmbedUrl({ host: 'vimeo', id: '76979871' })).toBe('https://player.vimeo.com/video/76979871?dnt=1');
  });

  it('refuses hosts that are not allowlisted', () => {
    expect(videoEmbedUrl({ host: 'evil.example', id: 'abc' })).toBeNull();
    expect(videoEmbedUrl({ host: 'YouTube', id: 'abc' })).toBeNull();
  });

  it.each([
    '',
    'a'.repeat(65),
    '../../evil',
    'abc?autoplay=1',
    'abc#x',
    'abc/def',
    'abc"onload="alert(1)',
    'abc%2F..',
    'javascript:alert(1)',
    'abc def',
  ])('refuses the id %j', (id) => {
    expect(videoEmbedUrl({ host: 'youtube', id })).toBeNull();
  });
});
