import { describe, expect, it } from 'vitest';
import { isFeedRelativePath, isHttpUrl } from './safe-url';

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
