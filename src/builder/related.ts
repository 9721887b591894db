/**
 * Related articles: the source's own `related` lists, resolved to articles of this feed where
 * their URLs match, and a computed list (related-ranker.ts) for articles that have none.
 */
import type { NewsProviderRef, RelatedItem } from '../feed/schema';
import type { ModelPlan, PlannedRow } from './feed-model';
import type { RelatedDraft } from './normalize';
import { toLists, type Lists } from './lists';
import { MAX_COMPUTED_RELATED, RelatedRanker, type RankedRows, type RankerInput } from './related-ranker';
import type { TermIndex } from './search-index';
import { keyHashes } from './key-hash';

/**
 * A related entry: the row of an article of this feed, or an external card as its JSON (a
 * RelatedItem). An external card is only ever written out, into its detail, its input key and
 * its row's digest: made into text once, not once for each (33k external cards, 12.6 MB of
 * JSON in the 100k benchmark corpus: ~0.13 s).
 */
export type RelatedRef = number | string;

export interface ArticleRelated {
  refs: RelatedRef[];
  computed: boolean;
}

export { MAX_COMPUTED_RELATED } from './related-ranker';

/** Rows ranked per request when a worker ranks. */
const RANK_CHUNK = 2048;

/** Bump when the ranking changes: computed lists are part of the build id through it. */
export const RELATED_RANKING_VERSION = 2;

/**
 * Related lists for every row. The source's own lists are resolved at once (cheap); computed
 * lists are ranked on demand, so the build can rank while the previous files are written.
 * `aliases` maps URL keys of dropped duplicates to the row of the article that replaced them, so a link
 * to either file resolves.
 */
export class RelatedArticles {
  /** Per row: the resolved source list, or null when the list is computed. */
  readonly given: (RelatedRef[] | null)[];
  /** The ranking's data, plain arrays that a worker can take. */
  readonly rankerInput: RankerInput;
  /** The rows whose list is computed, ascending, and each one's position among them. */
  private readonly computedRows: Int32Array;
  private readonly position: Int32Array;
  private chunks: Promise<RankedRows>[] = [];
  /** Each chunk once ranked, so that a list can be had without a promise (see now). */
  private readonly ranked: (RankedRows | undefined)[] = [];
  private ranker: RelatedRanker | null = null;
  /** The keys links resolve by, as the build state keeps them (only when asked for: `keepUrlKeys`). */
  readonly urlKeys: { hashes: Float64Array; rows: Int32Array } | null = null;

  constructor(model: ModelPlan, termIndex: TermIndex, aliases: ReadonlyMap<string, number>, keepUrlKeys = false) {
    const urlRows = new Map<string, number>();
    for (const row of model.rows) urlRows.set(row.facts.originalKey, row.row);
    for (const row of model.rows) {
      if (row.facts.webKey && !urlRows.has(row.facts.webKey)) urlRows.set(row.facts.webKey, row.row);
    }
    for (const [key, row] of aliases) if (!urlRows.has(key)) urlRows.set(key, row);
    if (keepUrlKeys) this.urlKeys = hashedKeys(urlRows);
    this.given = model.rows.map((row) => {
      const given = row.facts.related ? resolveGiven(row, urlRows, model.providerRef) : [];
      return given.length > 0 ? given : null;
    });
    const computed: number[] = [];
    this.position = new Int32Array(model.rows.length).fill(-1);
    this.given.forEach((given, row) => {
      if (given) return;
      this.position[row] = computed.length;
      computed.push(row);
    });
    this.computedRows = Int32Array.from(computed);
    this.rankerInput = {
      time: Float64Array.from(model.rows, (row) => row.facts.publishedMs),
      provider: Int32Array.from(model.rows, (row) => row.providerIndex),
      topicsOf: toLists(model.rows.map((row) => Int32Array.from(row.topicIndexes).sort())),
      termsOf: termIndex.termsOf,
      postings: termIndex.postings,
      topicRows: toLists(model.topics.map((group) => group.rows)),
      providerRows: toLists(model.providers.map((group) => group.rows)),
    };
  }

  /**
   * Have `rank` (a worker) rank every computed list now, in chunks, while this thread writes
   * other files; a chunk that fails is ranked here instead.
   */
  rankElsewhere(rank: (rows: Int32Array) => Promise<RankedRows>): void {
    for (let i = 0; i < this.computedRows.length; i += RANK_CHUNK) {
      const rows = this.computedRows.slice(i, i + RANK_CHUNK);
      // The worker is handed a copy (its buffer moves there): the fallback needs the rows too.
      const chunk = rank(rows.slice()).catch(() => this.localRanker().rankMany(rows));
      const at = this.chunks.push(chunk) - 1;
      void chunk.then(
        (ranked) => (this.ranked[at] = ranked),
        () => undefined, // `of` reports the failure
      );
    }
  }

  /**
   * The related list of a row (see `of`), or null while its chunk is still being ranked: most
   * rows need no promise then (100k a build).
   */
  now(row: number): ArticleRelated | null {
    const given = this.given[row];
    if (given) return { refs: given, computed: false };
    const at = this.position[row]!;
    if (!this.chunks[Math.floor(at / RANK_CHUNK)]) return { refs: this.localRanker().rank(row), computed: true };
    const ranked = this.ranked[Math.floor(at / RANK_CHUNK)];
    return ranked ? computedList(ranked, at) : null;
  }

  /** The related list of a row: the source's, or up to MAX_COMPUTED_RELATED computed ones. */
  async of(row: number): Promise<ArticleRelated> {
    const given = this.given[row];
    if (given) return { refs: given, computed: false };
    const at = this.position[row]!;
    const chunk = this.chunks[Math.floor(at / RANK_CHUNK)];
    if (!chunk) return { refs: this.localRanker().rank(row), computed: true };
    return computedList(await chunk, at);
  }

  /**
   * Every row's list as the build state keeps it (see build-state.ts): per row the count of its
   * computed rows, or -1 when the list is the source's; the computed rows; the given rows of this feed.
   */
  async allLists(): Promise<{ counts: Int8Array; picks: Int32Array; givenRows: Lists }> {
    const rows = this.given.length;
    const counts = new Int8Array(rows).fill(-1);
    const picks = new Int32Array(rows * MAX_COMPUTED_RELATED);
    for (let row = 0; row < rows; row++) {
      if (this.given[row]) continue;
      const { refs } = await this.of(row);
      counts[row] = refs.length;
      picks.set(refs as number[], row * MAX_COMPUTED_RELATED);
    }
    const givenRows = toLists(this.given.map((given) => (given ?? []).filter((ref) => typeof ref === 'number')));
    return { counts, picks, givenRows };
  }

  private localRanker(): RelatedRanker {
    return (this.ranker ??= new RelatedRanker(this.rankerInput));
  }
}

/** A key → row map as key hashes (see keyHash) and their rows. */
function hashedKeys(urlRows: ReadonlyMap<string, number>): { hashes: Float64Array; rows: Int32Array } {
  return { hashes: keyHashes([...urlRows.keys()]), rows: Int32Array.from(urlRows.values()) };
}

/**
 * The computed list at position `at` among the computed rows, from its ranked chunk. Copied by
 * a loop: Array.from of a subarray, a view made for each of ~80k rows (twice a build: for the
 * details and for the state), took ~20 times as long (~50 ms against ~3 ms).
 */
function computedList({ counts, picks }: RankedRows, at: number): ArticleRelated {
  const offset = at % RANK_CHUNK;
  const start = offset * MAX_COMPUTED_RELATED;
  const refs = new Array<number>(counts[offset]!);
  for (let k = 0; k < refs.length; k++) refs[k] = picks[start + k]!;
  return { refs, computed: true };
}

export function resolveGiven(
  row: PlannedRow,
  urlRows: ReadonlyMap<string, number>,
  providerRef: ModelPlan['providerRef'],
): RelatedRef[] {
  const resolved = resolveDrafts(
    row.facts.related ?? [],
    (draft) => {
      const target = urlRows.get(draft.key);
      return target === row.row ? 'self' : target;
    },
    (draft) => providerRef(draft.provider),
  );
  return resolved!; // neither lookup gives up
}

/**
 * A source related list: each link to a row (`targetOf`: its row, 'self', undefined for none,
 * null when it cannot tell), once, in order; links to no row as external cards with their news
 * provider's ref (`providerOf`, null when it cannot tell). Null when a lookup could not tell.
 */
export function resolveDrafts(
  drafts: readonly RelatedDraft[],
  targetOf: (draft: RelatedDraft) => number | 'self' | undefined | null,
  providerOf: (draft: RelatedDraft) => NewsProviderRef | null,
): RelatedRef[] | null {
  const refs: RelatedRef[] = [];
  const seen = new Set<string | number>();
  for (const draft of drafts) {
    const target = targetOf(draft);
    if (target === null) return null;
    if (target === 'self') continue; // a link to itself
    const identity = target ?? draft.key;
    if (seen.has(identity)) continue;
    seen.add(identity);
    if (target !== undefined) {
      refs.push(target);
      continue;
    }
    const provider = providerOf(draft);
    if (!provider) return null;
    const item: RelatedItem = {
      slug: null,
      url: draft.url,
      title: draft.title,
      publishedAt: draft.publishedAt,
      type: draft.type,
      provider,
      image: draft.image,
    };
    refs.push(JSON.stringify(item));
  }
  return refs;
}
