/**
 * The computed related articles: for each article, the few most similar others by shared
 * topics, same news provider, idf-weighted title/excerpt similarity (cosine over term sets) and
 * closeness in time.
 *
 * It must scale to 100k articles, so candidates are never all pairs: each article looks only at
 * its nearest neighbours in time within its topics, its news provider and the postings of its
 * rarest terms (all lists are ascending rows = newest first, so "nearest" is a binary search).
 * The data is plain typed arrays, so a worker thread can rank while the main thread writes.
 *
 * A term's weight (idf) comes from its document frequency rounded to half octaves (dfLevel),
 * not from the exact count: a rebuild that edits one article moves few terms across a level,
 * so it reranks only the articles near that one and near those terms (rowsToRerank).
 */

import { listLength, listOf, lowerBound, type Lists } from './lists';

export const MAX_COMPUTED_RELATED = 8;

/** Neighbours taken on each side of the article in each list. */
const TOPIC_WINDOW = 4;
const PROVIDER_WINDOW = 3;
const TERM_WINDOW = 3;
/** A row's topics (its first, by place) whose neighbours are candidates. */
export const MAX_TOPICS_LOOKED_AT = 4;
const MAX_TERMS_LOOKED_AT = 5;
const DAY_MS = 86_400_000;

/** What the ranking needs, by row of the all-articles list. */
export interface RankerInput {
  time: Float64Array;
  provider: Int32Array;
  /** Row → its topic indexes, ascending. */
  topicsOf: Lists;
  /** Row → its term ids, ascending. */
  termsOf: Lists;
  /** Term id → rows, ascending. */
  postings: Lists;
  /** Topic index → rows, ascending. */
  topicRows: Lists;
  /** Provider index → rows, ascending. */
  providerRows: Lists;
}

/** Ranked lists for many rows: row i's picks are picks[i * MAX ..][0 .. counts[i]). */
export interface RankedRows {
  counts: Uint8Array;
  picks: Int32Array;
}

export class RelatedRanker {
  private readonly input: RankerInput;
  /** Per term, its dfLevel, looked up by rarestTerms for every term of every row it ranks. */
  private readonly levels: Uint8Array;
  private readonly idf2: Float64Array;
  private readonly norms: Float64Array;
  /** stamp[c] === r when c is already a candidate for r: de-duplication without a Set. */
  private readonly stamp: Int32Array;
  /** The current article's term weights, set before and cleared after scoring its candidates. */
  private readonly weight: Float64Array;
  private readonly candidates: number[] = [];
  private readonly best = new Int32Array(MAX_COMPUTED_RELATED);
  private readonly bestScore = new Float64Array(MAX_COMPUTED_RELATED);

  constructor(input: RankerInput) {
    this.input = input;
    const n = input.time.length;
    const { postings } = input;
    const terms = postings.start.length - 1;
    this.levels = new Uint8Array(terms);
    this.idf2 = new Float64Array(terms);
    const corpusLevel = dfLevel(n + 1);
    for (let t = 0; t < terms; t++) {
      const df = postings.start[t + 1]! - postings.start[t]!;
      if (df === 0) continue;
      this.levels[t] = dfLevel(df);
      // ln((n + 1) / df), from levels: each level is half an octave.
      this.idf2[t] = ((corpusLevel - this.levels[t]!) * (Math.LN2 / 2)) ** 2;
    }
    // Filled in as rows are met (NaN: not yet): a rebuild reranks a few hundred rows of 100k.
    this.norms = new Float64Array(n).fill(Number.NaN);
    this.stamp = new Int32Array(n).fill(-1);
    this.weight = new Float64Array(terms);
  }

  /** Rank every row of `rows`. */
  rankMany(rows: Int32Array): RankedRows {
    const counts = new Uint8Array(rows.length);
    const picks = new Int32Array(rows.length * MAX_COMPUTED_RELATED);
    rows.forEach((row, i) => {
      const ranked = this.rank(row);
      counts[i] = ranked.length;
      picks.set(ranked, i * MAX_COMPUTED_RELATED);
    });
    return { counts, picks };
  }

  /** Up to MAX_COMPUTED_RELATED rows, best first; ties go to the newer article. */
  rank(row: number): number[] {
    const { topicsOf, termsOf, topicRows, providerRows, postings } = this.input;
    this.candidates.length = 0;
    const topicEnd = Math.min(topicsOf.start[row + 1]!, topicsOf.start[row]! + MAX_TOPICS_LOOKED_AT);
    for (let i = topicsOf.start[row]!; i < topicEnd; i++) {
      this.addNeighbours(topicRows, topicsOf.values[i]!, row, TOPIC_WINDOW);
    }
    this.addNeighbours(providerRows, this.input.provider[row]!, row, PROVIDER_WINDOW);
    for (const term of this.rarestTerms(row)) this.addNeighbours(postings, term, row, TERM_WINDOW);

    const from = termsOf.start[row]!;
    const to = termsOf.start[row + 1]!;
    for (let i = from; i < to; i++) this.weight[termsOf.values[i]!] = this.idf2[termsOf.values[i]!]!;
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
    for (let i = from; i < to; i++) this.weight[termsOf.values[i]!] = 0;
    return Array.from(this.best.subarray(0, found));
  }

  /**
   * Up to MAX_TERMS_LOOKED_AT of the row's terms that other articles share, rarest (lowest
   * level) first; on a tie, the one earlier in the row's list.
   */
  private rarestTerms(row: number): number[] {
    const { termsOf, postings } = this.input;
    const { levels } = this;
    const picked: number[] = [];
    for (let i = termsOf.start[row]!; i < termsOf.start[row + 1]!; i++) {
      const term = termsOf.values[i]!;
      const count = postings.start[term + 1]! - postings.start[term]!;
      if (count < 2) continue;
      const termLevel = levels[term]!;
      let at = picked.length;
      picked.push(term);
      while (at > 0 && levels[picked[at - 1]!]! > termLevel) {
        picked[at] = picked[at - 1]!;
        at--;
      }
      picked[at] = term;
      if (picked.length > MAX_TERMS_LOOKED_AT) picked.pop();
    }
    return picked;
  }

  /** The rows within `window` of `row` in list `list` of `lists`. */
  private addNeighbours(lists: Lists, list: number, row: number, window: number): void {
    const first = lists.start[list]!;
    const end = lists.start[list + 1]!;
    const at = lowerBound(lists.values, first, end, row);
    const from = Math.max(first, at - window);
    const to = Math.min(end, at + window + 1);
    for (let i = from; i < to; i++) {
      const candidate = lists.values[i]!;
      if (candidate === row || this.stamp[candidate] === row) continue;
      this.stamp[candidate] = row;
      this.candidates.push(candidate);
    }
  }

  /** The length of a row's weight vector (1 when it has no weighted term). */
  private norm(row: number): number {
    let norm = this.norms[row]!;
    if (Number.isNaN(norm)) {
      const { termsOf } = this.input;
      let sum = 0;
      for (let i = termsOf.start[row]!; i < termsOf.start[row + 1]!; i++) sum += this.idf2[termsOf.values[i]!]!;
      this.norms[row] = norm = Math.sqrt(sum) || 1;
    }
    return norm;
  }

  private score(a: number, b: number): number {
    const { topicsOf, termsOf, provider, time } = this.input;
    const sharedTopics = intersectionSize(topicsOf, a, b);
    const sameProvider = provider[a] === provider[b] ? 1 : 0;
    const days = Math.abs(time[a]! - time[b]!) / DAY_MS;
    let dot = 0;
    for (let i = termsOf.start[b]!; i < termsOf.start[b + 1]!; i++) dot += this.weight[termsOf.values[i]!]!;
    const similarity = dot / (this.norm(a) * this.norm(b));
    return 2 * Math.min(sharedTopics, 3) + 1.5 * sameProvider + 6 * similarity + 1 / (1 + days / 30);
  }
}

/**
 * A document frequency (≥ 1) rounded down to half octaves: the largest k with 2^(k/2) ≤ df,
 * in integers so that every machine agrees. 1 → 0, 2 → 2, 3 → 3, 4 → 4, 6 → 5, 8 → 6.
 */
export function dfLevel(df: number): number {
  const octave = 31 - Math.clz32(df);
  return 2 * octave + (df * df >= 2 * 4 ** octave ? 1 : 0);
}

/** Higher score first; on a tie the newer article (lower row). */
function isBetter(score: number, row: number, otherScore: number, otherRow: number): boolean {
  return score > otherScore || (score === otherScore && row < otherRow);
}

/** Size of the intersection of two ascending lists. */
function intersectionSize(lists: Lists, a: number, b: number): number {
  const { start, values } = lists;
  let count = 0;
  for (let i = start[a]!, j = start[b]!, iEnd = start[a + 1]!, jEnd = start[b + 1]!; i < iEnd && j < jEnd;) {
    const x = values[i]!;
    const y = values[j]!;
    if (x === y) {
      count++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return count;
}

/**
 * The rows a ranking input counts for its weights: those in any topic or provider list (`before`
 * in rowsToRerank holds arrived rows in its arrays, but in no list).
 */
function countRows(input: RankerInput): number {
  return input.providerRows.start[input.providerRows.start.length - 1]!;
}

/** A ranking input's term lists as rowsToRerank reads them: each a list, ascending. */
export interface TermLists {
  termsOf(row: number): Int32Array;
  /** No rows for a term past the last. */
  postings(term: number): Int32Array;
  /** How many rows hold a term: its postings' length. */
  df(term: number): number;
  /** How many rows it has. */
  rows: number;
}

const NO_ROWS = new Int32Array(0);

/** The term lists of a whole ranking input. */
export function termListsOf(input: RankerInput): TermLists {
  const terms = input.postings.start.length - 1;
  return {
    termsOf: (row) => listOf(input.termsOf, row),
    postings: (term) => (term < terms ? listOf(input.postings, term) : NO_ROWS),
    df: (term) => listLength(input.postings, term),
    rows: countRows(input),
  };
}

/**
 * Term lists known only by their counts (rows, and rows per term): all that rowsToRerank reads
 * of `before` when every changed row arrived, so the lists themselves may have moved on.
 */
export function termCounts(rows: number, df: (term: number) => number): TermLists {
  const unknown = (): never => {
    throw new Error('only the counts of these term lists are known');
  };
  return { rows, df, termsOf: unknown, postings: unknown };
}

/**
 * After the terms of `changed` rows were edited (their time, topics and provider were not), the
 * rows whose ranked lists may differ, ascending: a superset, found without ranking anything.
 * `before` and `after` share term ids (`after` may have more). A list depends on the row's own
 * weights and norm, its candidates (neighbours in its lists) and their norms, so it can change
 * only for rows whose weights changed (the edited rows, and every row holding a term whose level
 * moved) and for their neighbours in any list: the candidate windows are symmetric. Around an
 * edited row, postings windows are one wider: its arrival or departure shifts its neighbours'.
 *
 * `arrived`: rows new to the feed, among `changed` (numbered as in `after`). They had no terms
 * before, so for them `before` is not read: it may then number rows as it did (only its
 * document frequencies count, and its row count). Their topic and
 * provider windows are one wider too, as they shifted their neighbours there as well. Every
 * weight depends on the row count: when its level moves (see RelatedRanker) every row is returned.
 */
export function rowsToRerank(
  before: TermLists,
  after: RankerInput,
  changed: readonly number[],
  arrived: readonly number[] = [],
): Int32Array {
  const now = termListsOf(after);
  const n = after.time.length;
  const reweighted = new Uint8Array(n);
  const affected = new Uint8Array(n);
  const seeds: number[] = [];
  const seed = (row: number) => {
    if (reweighted[row]) return;
    reweighted[row] = 1;
    seeds.push(row);
  };
  if (dfLevel(before.rows + 1) !== dfLevel(n + 1)) return Int32Array.from({ length: n }, (_, row) => row);
  for (const row of changed) seed(row);
  const isNew = new Set(arrived);
  for (const row of changed) {
    for (const input of isNew.has(row) ? [now] : [before, now]) {
      for (const term of input.termsOf(row)) {
        const was = before.df(term);
        const is = now.df(term);
        if (was > 0 && is > 0 && dfLevel(was) === dfLevel(is)) continue;
        for (const other of now.postings(term)) seed(other);
      }
    }
    if (seeds.length > n / 8) return Int32Array.from({ length: n }, (_, row) => row);
  }
  /** Mark the rows within `window` of `row` in `list` (ascending). */
  const mark = (list: Int32Array, row: number, window: number) => {
    const at = lowerBound(list, 0, list.length, row);
    for (let i = Math.max(0, at - window); i < Math.min(list.length, at + window + 1); i++) affected[list[i]!] = 1;
  };
  const edited = new Set(changed);
  for (const row of seeds) {
    affected[row] = 1;
    const wider = isNew.has(row) ? 1 : 0;
    for (const topic of listOf(after.topicsOf, row)) mark(listOf(after.topicRows, topic), row, TOPIC_WINDOW + wider);
    mark(listOf(after.providerRows, after.provider[row]!), row, PROVIDER_WINDOW + wider);
    const inputs = edited.has(row) && !isNew.has(row) ? [before, now] : [now];
    const window = edited.has(row) ? TERM_WINDOW + 1 : TERM_WINDOW;
    for (const input of inputs) {
      for (const term of input.termsOf(row)) mark(input.postings(term), row, window);
    }
  }
  const rows: number[] = [];
  affected.forEach((flag, row) => {
    if (flag) rows.push(row);
  });
  return Int32Array.from(rows);
}
