import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { preloadFirstPage } from '../../src/app/preload-first-page';
import { createRoutes } from '../../src/app/router';
import { ALL_ARTICLES, feedPaths, feedUrl } from '../../src/feed/urls';

/** The feed files a first visit to `path` preloads, as <link rel=preload> elements in the head. */
function preloadsFor(path: string): string[] {
  removePreloads();
  const url = new URL(path, 'http://reader.test/');
  preloadFirstPage(createRoutes(new QueryClient()), url as unknown as Location, '/');
  return [...document.head.querySelectorAll<HTMLLinkElement>('link[rel="preload"]')].map((link) => {
    expect(link.as).toBe('fetch');
    expect(link.crossOrigin).toBe('anonymous');
    return new URL(link.href).pathname;
  });
}

function removePreloads(): void {
  for (const link of document.head.querySelectorAll('link[rel="preload"]')) link.remove();
}

describe('preloading a first visit’s feed files', () => {
  afterEach(removePreloads);

  it('starts an article’s detail, the start file and the topic list together', () => {
    expect(preloadsFor('/articles/some-article')).toEqual(
      [feedPaths.article('some-article'), feedPaths.start(), feedPaths.topics()].map((path) => feedUrl('/', path)),
    );
  });

  it('starts the first page of an unfiltered list, and nothing a filter may not need', () => {
    expect(preloadsFor('/')).toEqual([feedUrl('/', feedPaths.listPage(ALL_ARTICLES, 1))]);
    expect(preloadsFor('/?q=portals')).toEqual([]);
  });

  it('preloads nothing for a path that cannot name a feed file', () => {
    expect(preloadsFor('/articles/..%2Fsecret')).toEqual([]);
  });
});
