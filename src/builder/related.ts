/**
 * Related articles: the source's own `related` lists, resolved to articles of this feed where
 * their URLs match, and a computed list for articles that have none.
 *
 * The computed ranking must scale to 100k articles, so candidates are never all pairs: each
 * article looks only at its nearest neighbours in time within its topics, its news provider and
 * the postings of its rarest terms (all kept newest-first, so "nearest" is a binary search).
 */
import type { NewsProviderRef, RelatedItem } from '../feed/schema';
import type { FeedModel, FeedRow } from './feed-model';
import type { NormalizedArticle } from './normalize';
import type { TermIndex } from './search-index';

/** A related entry: the row of an article of this feed, or an external card. */
export type RelatedRef = number | RelatedItem;

export interface ArticleRelated {
  refs: RelatedRef[];
  computed: boolean;
}

export const MAX_COMPUTED_RELATED = 8;

/** Neighbours taken on each side of the article in each list. */
const TOPIC_WINDOW = 4;
const PROVIDER_WINDOW = 3;
const TERM_WINDOW = 3;
const MAX_TOPICS_LOOKED_AT = 4;
const MAX_TERMS_LOOKED_AT = 5;
const DAY_MS = 86_400_000;

/** Bump when the ranking changes: computed lists are part of the build id through it. */
export const RELATED_RANKING_VERSION = 1;

/**
 * Related lists for every row. The source's own lists are resolved at once (cheap); computed
 * lists are ranked on demand, so the build can rank while the previous files are written.
 * `aliases` maps URL keys of dropped duplicates to the article that replaced them, so a link
 * to either file resolves.
 */
export class RelatedArticles {
  /** Per row: the resolved source list, or null when the list is computed. */
  readonly given: (RelatedRef[] | null)[];
  private readonly ranker: RelatedRanker;

  constructor(model: FeedModel, termIndex: TermIndex, aliases: ReadonlyMap<string, NormalizedArticle>) {
    const urlRows = new Map<string, number>();
    for (const row of model.rows) urlRows.set(row.article.originalKey, row.row);
    for (const row of model.rows) {
      if (row.article.webKey && !urlRows.has(row.article.webKey)) urlRows.set(row.article.webKey, row.row);
    }
    const rowOf = new Map<NormalizedArticle, number>(model.rows.map((row) => [row.article, row.row]));
    for (const [key, winner] of aliases) {
      const row = rowOf.get(winner);
      if (row !== undefined && !urlRows.has(key)) urlRows.set(key, row);
    }
    this.given = model.rows.map((row) => {
      const given = row.article.related ? resolveGiven(row, urlRows, model.providerRef) : [];
      return given.length > 0 ? given : null;
    });
    this.ranker = new RelatedRanker(model, termIndex);
  }

  /** The related list of a row: the source's, or up to MAX_COMPUTED_RELATED computed ones. */
  of(row: number): ArticleRelated {
    const given = this.given[row];
    return given ? { refs: given, computed: false } : { refs: this.ranker.rank(row), computed: true };
  }
}

function resolveGiven(
  row: FeedRow,
  urlRows: ReadonlyMap<string, number>,
  providerRef: FeedModel['providerRef'],
): RelatedRef[] {
  const refs: RelatedRef[] = [];
  const seen = new Set<string | number>();
  for (const draft of row.article.related ?? []) {
    const target = urlRows.get(draft.key);
    if (target === row.row) continue; // a link to itself
    const identity = target ?? draft.key;
    if (seen.has(identity)) continue;
    seen.add(identity);
    if (target !== undefined) {
      refs.push(target);
      continue;
    }
    const provider: NewsProviderRef = providerRef(draft.provider);
    refs.push({
      slug: null,
      url: draft.url,
      title: draft.title,
      excerpt: draft.excerpt,
      publishedAt: draft.publishedAt,
      type: draft.type,
      provider,
      image: draft.image,
    });
  }
  return refs;
}

/** A related card for an article of this feed. */
export function internalRelatedItem(row: FeedRow): RelatedItem {
  const { card } = row;
  return {
    slug: card.slug,
    url: card.originalUrl,
    title: card.title,
    excerpt: card.excerpt,
    publishedAt: card.publishedAt,
    type: card.type,
    provider: card.provider,
    image: card.image,
  };
}

/**
 * Scores candidates by shared topics, same provider, idf-weighted title/excerpt similarity
 * (cosine over term sets) and closeness in time.
 */
class RelatedRanker {
  private readonly time: Float64Array;
  private readonly providerOf: Int32Array;
  private readonly topicsOf: Int32Array[];
  private readonly termsOf: Int32Array[];
  private readonly postings: number[][];
  private readonly topicRows: number[][];
  private readonly providerRows: number[][];
  private readonly idf2: Float64Array;
  private readonly norm: Float64Array;
  /** stamp[c] === r when c is already a candidate for r: de-duplication without a Set. */
  private readonly stamp: Int32Array;
  /** The current article's term weights, set before and cleared after scoring its candidates. */
  private readonly weight: Float64Array;
  private readonly candidates: number[] = [];
  private readonly best = new Int32Array(MAX_COMPUTED_RELATED);
  private readonly bestScore = new Float64Array(MAX_COMPUTED_RELATED);

  constructor(model: FeedModel, termIndex: TermIndex) {
    const n = model.rows.length;
    this.time = Float64Array.from(model.rows, (row) => row.article.publishedMs);
    this.providerOf = Int32Array.from(model.rows, (row) => row.providerIndex);
    this.topicsOf = model.rows.map((row) => Int32Array.from(row.topicIndexes).sort());
    this.termsOf = termIndex.termsOf;
    this.postings = termIndex.postings;
    this.topicRows = model.topics.map((group) => group.rows);
    this.providerRows = model.providers.map((group) => group.rows);
    this.idf2 = Float64Array.from(termIndex.postings, (rows) => Math.log((n + 1) / rows.length) ** 2);
    this.norm = Float64Array.from(this.termsOf, (terms) => {
      let sum = 0;
      for (const term of terms) sum += this.idf2[term]!;
      return Math.sqrt(sum) || 1;
    });
    this.stamp = new Int32Array(n).fill(-1);
    this.weight = new Float64Array(termIndex.terms.length);
  }

  /** Up to MAX_COMPUTED_RELATED rows, best first. */
  rank(row: number): number[] {
    this.candidates.length = 0;
    const topics = this.topicsOf[row]!;
    for (let i = 0; i < topics.length && i < MAX_TOPICS_LOOKED_AT; i++) {
      this.addNeighbours(this.topicRows[topics[i]!]!, row, TOPIC_WINDOW);
    }
    this.addNeighbours(this.providerRows[this.providerOf[row]!]!, row, PROVIDER_WINDOW);
    for (const term of this.rarestTerms(row)) this.addNeighbours(this.postings[term]!, row, TERM_WINDOW);

    const own = this.termsOf[row]!;
    for (let i = 0; i < own.length; i++) this.weight[own[i]!] = this.idf2[own[i]!]!;
    let found = 0;
    for (let c = 0; c < this.candidates.length; c++) {
      const candidate = this.candidates[c]!;
      const score = this.score(row, candidate);
      // Keep the best few in order: an insertion into a tiny sorted array, no allocation.
      let at = found < MAX_COMPUTED_RELATED ? found++ : MAX_COMPUTED_RELATED;
      while (at > 0 && isBetter(score, candidate, this.bestScore[at - 1]!, this.best[at - 1]!)) {
        if (at < MAX_COMPUTED_RELATED) {
          this.best[at] = this.best[at - 1]!;
          this.bestScore[at] = this.bestScore[at - 1]!;
        }
        at--;
      }
      if (at < MAX_COMPUTED_RELATED) {
        this.best[at] = candidate;
        this.bestScore[at] = score;
      }
    }
    for (let i = 0; i < own.length; i++) this.weight[own[i]!] = 0;
    return Array.from(this.best.subarray(0, found));
  }

  /** Up to MAX_TERMS_LOOKED_AT of the row's terms that other articles share, rarest first. */
  private rarestTerms(row: number): number[] {
    const picked: number[] = [];
    const terms = this.termsOf[row]!;
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i]!;
      const df = this.postings[term]!.length;
      if (df < 2) continue;
      let at = picked.length;
      picked.push(term);
      while (at > 0 && this.postings[picked[at - 1]!]!.length > df) {
        picked[at] = picked[at - 1]!;
        at--;
      }
      picked[at] = term;
      if (picked.length > MAX_TERMS_LOOKED_AT) picked.pop();
    }
    return picked;
  }

  private addNeighbours(list: readonly number[], row: number, window: number): void {
    const at = lowerBound(list, row);
    const from = Math.max(0, at - window);
    const to = Math.min(list.length, at + window + 1);
    for (let i = from; i < to; i++) {
      const candidate = list[i]!;
      if (candidate === row || this.stamp[candidate] === row) continue;
      this.stamp[candidate] = row;
      this.candidates.push(candidate);
    }
  }

  private score(a: number, b: number): number {
    const sharedTopics = intersectionSize(this.topicsOf[a]!, this.topicsOf[b]!);
    const sameProvider = this.providerOf[a] === this.providerOf[b] ? 1 : 0;
    const days = Math.abs(this.time[a]! - this.time[b]!) / DAY_MS;
    const terms = this.termsOf[b]!;
    let dot = 0;
    for (let i = 0; i < terms.length; i++) dot += this.weight[terms[i]!]!;
    const similarity = dot / (this.norm[a]! * this.norm[b]!);
    return 2 * Math.min(sharedTopics, 3) + 1.5 * sameProvider + 6 * similarity + 1 / (1 + days / 30);
  }
}

/** Higher score first; on a tie the newer article (lower row). */
function isBetter(score: number, row: number, otherScore: number, otherRow: number): boolean {
  return score > otherScore || (score === otherScore && row < otherRow);
}

function intersectionSize(x: Int32Array, y: Int32Array): number {
  let count = 0;
  for (let i = 0, j = 0; i < x.length && j < y.length;) {
    if (x[i] === y[j]) {
      count++;
      i++;
      j++;
    } else if (x[i]! < y[j]!) i++;
    else j++;
  }
  return count;
}

function lowerBound(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
