/**
 * Which data a view of the list needs. Most views (everything, one topic, one news provider,
 * newest first) read a list's shards directly; only combined filters, other orders and text
 * need the lazily loaded index, so the first screen never costs more as the corpus grows.
 */
import type { Manifest } from '../../../feed/schema';
import { ALL_ARTICLES, type ListRef } from '../../../feed/urls';
import { ANY_ROW, type RowCriteria } from './filter-rows';
import { queryTerms, termShardKeys } from './match-terms';
import type { RowOrder } from './sort-rows';

export interface SearchCriteria {
  /** An article matches when it has any of these topics. */
  topics: readonly string[];
  provider: string | null;
  type: 'article' | 'video' | null;
  /** Inclusive UTC days, `YYYY-MM-DD`. */
  from: string | null;
  to: string | null;
  q: string;
  sort: RowOrder;
}

/** What the page itself fixes: a topic page's topic, a news provider page's provider. */
export interface SearchScope {
  topic?: string;
  provider?: string;
}

export type SearchPlan = { mode: 'shard'; list: ListRef } | { mode: 'index'; terms: string[]; termKeys: string[] };

export function planSearch(criteria: SearchCriteria, scope: SearchScope): SearchPlan {
  const terms = queryTerms(criteria.q);
  const lists: ListRef[] = [];
  if (scope.topic) lists.push({ kind: 'topic', slug: scope.topic });
  const [onlyTopic, ...moreTopics] = criteria.topics;
  if (onlyTopic && moreTopics.length === 0 && onlyTopic !== scope.topic) lists.push({ kind: 'topic', slug: onlyTopic });
  const provider = scope.provider ?? criteria.provider;
  if (provider) lists.push({ kind: 'provider', slug: provider });

  const singleList =
    terms.length === 0 &&
    criteria.type === null &&
    criteria.from === null &&
    criteria.to === null &&
    criteria.sort === 'newest' &&
    moreTopics.length === 0 &&
    lists.length <= 1;
  if (singleList) return { mode: 'shard', list: lists[0] ?? ALL_ARTICLES };
  return { mode: 'index', terms, termKeys: termShardKeys(terms) };
}

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** The criteria as index numbers for `filterRows`. Unknown slugs match nothing. */
export function resolveCriteria(criteria: SearchCriteria, scope: SearchScope, manifest: Manifest): RowCriteria {
  const topicIndex = (slug: string) => manifest.topics.findIndex((topic) => topic.slug === slug);
  let anyTopic: Uint8Array | null = null;
  if (criteria.topics.length > 0) {
    anyTopic = new Uint8Array(manifest.topics.length);
    for (const slug of criteria.topics) {
      const index = topicIndex(slug);
      if (index >= 0) anyTopic[index] = 1;
    }
  }
  const providerSlug = scope.provider ?? criteria.provider;
  const from = dayStart(criteria.from);
  const to = dayStart(criteria.to);
  return {
    ...ANY_ROW,
    requiredTopic: scope.topic ? unknownAsNone(topicIndex(scope.topic)) : -1,
    anyTopic,
    provider: providerSlug ? unknownAsNone(manifest.providers.findIndex((p) => p.slug === providerSlug)) : -1,
    video: criteria.type === null ? -1 : criteria.type === 'video' ? 1 : 0,
    fromMinute: from === null ? -Infinity : from / MS_PER_MINUTE,
    // Inclusive: up to the last instant of the "to" day.
    toMinute: to === null ? Infinity : (to + MS_PER_DAY) / MS_PER_MINUTE - 1e-6,
  };
}

/** -1 means "any" to filterRows; an unknown slug must match nothing instead. */
function unknownAsNone(index: number): number {
  return index < 0 ? -2 : index;
}

function dayStart(day: string | null): number | null {
  if (!day) return null;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, date);
}
