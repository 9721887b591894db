/** Every kind of route of the reader, with real slugs from the built feed. */
import { paths } from '../../../src/app/paths';
import { readArticle, readList, readManifest, UNKNOWN_SLUG } from './feed';

export interface RouteCase {
  /** A short, file-name-safe name. */
  name: string;
  path: string;
  /** The page's h1. */
  heading: string;
}

/** A topic that is neither the whole feed nor tiny: the second largest. */
export function sampleTopic() {
  const topics = [...readManifest().topics].sort((a, b) => b.count - a.count);
  const topic = topics[1] ?? topics[0];
  if (!topic) throw new Error('The built feed has no topics.');
  return topic;
}

export function sampleNewsProvider() {
  const provider = [...readManifest().providers].sort((a, b) => b.count - a.count)[0];
  if (!provider) throw new Error('The built feed has no news providers.');
  return provider;
}

/** The newest article (not a video) with a lead image, else the newest article. */
export function sampleArticle() {
  const cards = readList().filter((card) => card.type === 'article');
  const card = cards.find((c) => c.image) ?? cards[0];
  if (!card) throw new Error('The built feed has no articles.');
  return readArticle(card.slug);
}

export function sampleVideo() {
  const card = readList().find((c) => c.type === 'video');
  if (!card) throw new Error('The built feed has no videos.');
  return readArticle(card.slug);
}

export function allRouteCases(): RouteCase[] {
  const topic = sampleTopic();
  const provider = sampleNewsProvider();
  const article = sampleArticle();
  const video = sampleVideo();
  return [
    { name: 'home', path: paths.home(), heading: 'Latest news' },
    { name: 'topics', path: paths.topics(), heading: 'Topics' },
    { name: 'topic', path: paths.topic(topic.slug), heading: topic.name },
    { name: 'provider', path: paths.provider(provider.slug), heading: provider.name },
    { name: 'article', path: paths.article(article.slug), heading: article.title },
    { name: 'video', path: paths.article(video.slug), heading: video.title },
    { name: 'not-found', path: paths.article(UNKNOWN_SLUG), heading: 'Article not found' },
  ];
}
