/**
 * The list filters as they live in the query string. Parsing is forgiving (a hand-edited or old
 * link never crashes the page: unknown values are dropped) and serializing is canonical, so one
 * view has one URL.
 */
import type { ArticleType } from '../../../feed/schema';

export const SORT_ORDERS = ['newest', 'trending', 'quality'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export interface ArticleFilters {
  /** Topic slugs; an article matches when it has any of them. */
  topics: string[];
  provider: string | null;
  type: ArticleType | null;
  /** Inclusive UTC days, `YYYY-MM-DD`. */
  from: string | null;
  to: string | null;
  /** Free text over title and excerpt. */
  q: string;
  sort: SortOrder;
}

export const EMPTY_FILTERS: ArticleFilters = {
  topics: [],
  provider: null,
  type: null,
  from: null,
  to: null,
  q: '',
  sort: 'newest',
};

const MAX_QUERY_LENGTH = 200;
const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseFilters(params: URLSearchParams): ArticleFilters {
  const sort = params.get('sort');
  const type = params.get('type');
  const provider = params.get('provider');
  return {
    topics: [...new Set(params.getAll('topic').filter((slug) => SLUG.test(slug)))],
    provider: provider && SLUG.test(provider) ? provider : null,
    type: type === 'article' || type === 'video' ? type : null,
    from: parseDay(params.get('from')),
    to: parseDay(params.get('to')),
    q: (params.get('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH),
    sort: SORT_ORDERS.find((order) => order === sort) ?? 'newest',
  };
}

/** The canonical query string for `filters`: defaults are left out. */
export function serializeFilters(filters: ArticleFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const topic of filters.topics) params.append('topic', topic);
  if (filters.provider) params.set('provider', filters.provider);
  if (filters.type) params.set('type', filters.type);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  const q = filters.q.trim();
  if (q) params.set('q', q);
  if (filters.sort !== 'newest') params.set('sort', filters.sort);
  return params;
}

/** True when anything narrows or reorders the list. */
export function hasActiveFilters(filters: ArticleFilters): boolean {
  return serializeFilters(filters).size > 0;
}

export function toggleTopic(filters: ArticleFilters, slug: string): ArticleFilters {
  const topics = filters.topics.includes(slug)
    ? filters.topics.filter((topic) => topic !== slug)
    : [...filters.topics, slug];
  return { ...filters, topics };
}

/** A real calendar day in `YYYY-MM-DD` form, or null. */
export function parseDay(value: string | null): string | null {
  const match = value ? DAY.exec(value) : null;
  if (!match) return null;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? value : null;
}
