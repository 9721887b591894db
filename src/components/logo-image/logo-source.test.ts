import { describe, expect, it } from 'vitest';
import { initials, logoSource } from './logo-source';

describe('logoSource', () => {
  it('resolves a feed-relative logo under the feed', () => {
    expect(logoSource('/news/', 'logos/aws.amazon.com.jpg')).toBe('/news/feed/logos/aws.amazon.com.jpg');
  });

  it('keeps an http(s) logo as it is', () => {
    expect(logoSource('/', 'https://cdn.example.com/logo.png')).toBe('https://cdn.example.com/logo.png');
  });

  it.each([null, '', 'javascript:alert(1)', 'data:image/png;base64,AAAA', '../../etc/passwd', '/absolute.png'])(
    'refuses %s',
    (logo) => {
      expect(logoSource('/', logo)).toBeNull();
    },
  );
});

describe('initials', () => {
  it.each([
    ['AWS', 'A'],
    ['Amazon Web Services', 'AW'],
    ['  the verge ', 'TV'],
    ['Ériu Média', 'ÉM'],
    ['!!!', '?'],
  ])('%s → %s', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });
});
