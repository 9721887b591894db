import { describe, expect, it } from 'vitest';
import { displayHost, isFeedRelativePath, isHttpUrl } from './safe-url';

describe('isHttpUrl', () => {
  it.each(['https://aws.amazon.com/blogs/x/', 'http://example.com', 'HTTPS://Example.com/a?b=c#d'])(
    'accepts %s',
    (url) => {
      expect(isHttpUrl(url)).toBe(true);
    },
  );

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '/relative/path',
    '//evil.example/x',
    'example.com',
    'https://',
    'https:// evil.example',
    'ftp://example.com/file',
    '',
    null,
    undefined,
  ])('rejects %s', (url) => {
    expect(isHttpUrl(url)).toBe(false);
  });
});

describe('isFeedRelativePath', () => {
  it('accepts a plain path inside the feed', () => {
    expect(isFeedRelativePath('logos/aws.amazon.com-50x50.jpg')).toBe(true);
  });

  it.each(['../secret.json', 'logos/../../x', '/logos/a.jpg', 'logos//a.jpg', 'javascript:alert(1)', 'a b.jpg', ''])(
    'rejects %s',
    (path) => {
      expect(isFeedRelativePath(path)).toBe(false);
    },
  );
});

describe('displayHost', () => {
  it('names the host without www', () => {
    expect(displayHost('https://www.youtube.com/watch?v=WJk-Y8LQlfE')).toBe('youtube.com');
    expect(displayHost('https://aws.amazon.com/blogs/x/')).toBe('aws.amazon.com');
  });

  it('has nothing to say about a URL that is not http(s)', () => {
    expect(displayHost('javascript:alert(1)')).toBeNull();
  });
});
