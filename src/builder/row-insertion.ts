/**
 * The build state's arrays with rows inserted at their places and others taken out (see
 * patch-additions.ts): the new newest-first order, per-row lists and lists of rows in the new
 * numbering, topics and providers at new places, term ids looked up in the vocabulary.
 */
import { compareText } from './feed-model';
import { pageCount } from './emit-feed';
import { isGrowable, listOf, lowerBound, oldRowRuns, patchLists, type Lists } from './lists';
import type { RankerInput } from './related-ranker';
import type { TextLines } from './text-lines';

/**
 * The new newest-first order: per new row, the old row there (or -1 - the index of the new
 * row in `incoming`); per old row, its new place, or -1 when it is one of `removed`.
 */
export interface RowOrder {
  newToOld: Int32Array;
  oldToNew: Int32Array;
}

export function mergedOrder(
  time: Float64Array,
  slugs: TextLines,
  incoming: readonly { ms: number; slug: string }[],
  removed: ReadonlySet<number> = new Set(),
): RowOrder {
  const n = slugs.length;
  const before = (ms: number, slug: string, old: number) =>
    ms > time[old]! || (ms === time[old] && compareText(slug, slugs.at(old)) < 0);
  const sorted = incoming.map((row, i) => ({ ...row, i })).sort((a, b) => b.ms - a.ms || compareText(a.slug, b.slug));
  const newToOld = new Int32Array(n - removed.size + incoming.length);
  const oldToNew = new Int32Array(n).fill(-1);
  let old = 0;
  let next = 0;
  for (let row = 0; row < newToOld.length; row++) {
    while (removed.has(old)) old++;
    const entry = sorted[next];
    if (entry && (old >= n || before(entry.ms, entry.slug, old))) {
      newToOld[row] = -1 - entry.i;
      next++;
    } else {
      newToOld[row] = old;
      oldToNew[old++] = row;
    }
  }
  return { newToOld, oldToNew };
}

/**
 * Topic or provider summaries with `joins` and `leaves` (old places, one per article) counted,
 * sorted as planModel sorts them (by count, then slug); each old place's new one, and each new
 * place's old one.
 */
export function regrouped<T extends { slug: string; count: number; pages: number }>(
  groups: readonly T[],
  joins: readonly number[],
  leaves: readonly number[] = [],
): { groups: T[]; place: Int32Array; oldPlace: Int32Array } {
  const counted = groups.map((group, old) => ({ group: { ...group }, old }));
  for (const old of joins) counted[old]!.group.count++;
  for (const old of leaves) counted[old]!.group.count--;
  for (const { group } of counted) group.pages = pageCount(group.count);
  counted.sort((a, b) => b.group.count - a.group.count || compareText(a.group.slug, b.group.slug));
  const place = new Int32Array(groups.length);
  counted.forEach(({ old }, i) => (place[old] = i));
  return {
    groups: counted.map(({ group }) => group),
    place,
    oldPlace: Int32Array.from(counted, ({ old }) => old),
  };
}

/** The ranking's input with topics and providers at their new places (what did not move is kept as it was). */
export function renumberedGroups(input: RankerInput, topicPlace: Int32Array, providerPlace: Int32Array): RankerInput {
  const moved = (place: Int32Array) => place.some((to, from) => to !== from);
  const reordered = (lists: Lists, place: Int32Array) => {
    const from = new Int32Array(place.length);
    place.forEach((to, old) => (from[to] = old));
    return rowLists(place.length, (list) => listOf(lists, from[list]!));
  };
  const renumbered = { ...input };
  if (moved(topicPlace)) {
    // Each row's topics at their new places, kept ascending: a few each, sorted where they lie.
    const { start } = input.topicsOf;
    const values = input.topicsOf.values.map((topic) => topicPlace[topic]!);
    for (let row = 0; row + 1 < start.length; row++) sortRun(values, start[row]!, start[row + 1]!);
    renumbered.topicsOf = { start, values };
    renumbered.topicRows = reordered(input.topicRows, topicPlace);
  }
  if (moved(providerPlace)) {
    renumbered.provider = input.provider.map((provider) => providerPlace[provider]!);
    renumbered.providerRows = reordered(input.providerRows, providerPlace);
  }
  return renumbered;
}

/** Sort values[from, to) in place: a few values, so by insertion, with no view made for them (100k rows). */
function sortRun(values: Int32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const value = values[i]!;
    let at = i;
    while (at > from && values[at - 1]! > value) {
      values[at] = values[at - 1]!;
      at--;
    }
    values[at] = value;
  }
}

/**
 * A lookup of term ids without a map of every term (hundreds of thousands at 100k articles): a
 * full build numbers terms alphabetically, patches add theirs at the end, so the ids are a
 * sorted run, searched by halves, and a few after it, searched in turn.
 */
export function termIds(terms: readonly string[]): (term: string) => number | undefined {
  let sorted = 1;
  while (sorted < terms.length && compareText(terms[sorted - 1]!, terms[sorted]!) < 0) sorted++;
  sorted = Math.min(sorted, terms.length);
  return (term) => {
    let low = 0;
    let high = sorted;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareText(terms[mid]!, term) < 0) low = mid + 1;
      else high = mid;
    }
    if (low < sorted && terms[low] === term) return low;
    for (let id = sorted; id < terms.length; id++) if (terms[id] === term) return id;
    return undefined;
  };
}

/** Values kept per row, a fixed number a row. */
type RowValues = Uint8Array | Int8Array | Int32Array | Uint32Array | Float64Array;

/**
 * Per-row values, `width` a row, with rows taken out and put in (see RowOrder): new row r holds
 * old row newToOld[r]'s, or where that is negative, new row -1 - newToOld[r]'s (`ofNew`; none:
 * zeros). Each run of consecutive old rows is copied at once.
 */
export function relaidRowValues<T extends RowValues>(
  old: T,
  width: number,
  newToOld: Int32Array,
  ofNew: (i: number) => ArrayLike<number>,
): T {
  const values = new (old.constructor as new (length: number) => T)(newToOld.length * width);
  for (const [row, from, rows] of oldRowRuns(newToOld)) {
    values.set(old.subarray(from * width, (from + rows) * width) as ArrayLike<number>, row * width);
  }
  newToOld.forEach((from, row) => {
    if (from < 0) values.set(ofNew(-1 - from), row * width);
  });
  return values;
}

/** Lists per row, from a function. */
function rowLists(count: number, of: (row: number) => ArrayLike<number>): Lists {
  const start = new Int32Array(count + 1);
  for (let row = 0; row < count; row++) start[row + 1] = start[row]! + of(row).length;
  const values = new Int32Array(start[count]!);
  for (let row = 0; row < count; row++) values.set(of(row), start[row]!);
  return { start, values };
}

/**
 * Lists of rows (ascending) in the new numbering, without removed rows (-1 in `oldToNew`) and
 * with rows added to some (`added`, ascending); `count` lists in all. Growable values (the term
 * lists) are renumbered and moved where they lie, and `lists` must not be read afterwards: the
 * rows keep their order, so each list stays ascending, and only the lists that lose or gain
 * rows change length.
 */
export function remapped(
  lists: Lists,
  oldToNew: Int32Array,
  added: ReadonlyMap<number, readonly number[]>,
  count: number,
): Lists {
  const oldCount = lists.start.length - 1;
  const old = lists.values;
  const values = isGrowable(old) ? old : new Int32Array(old.length);
  // All of them at once: a flat loop over ~3 million postings (at 100k articles), noting where
  // the removed rows were (a few hundred at most).
  const removedAt: number[] = [];
  for (let i = 0; i < old.length; i++) {
    const row = oldToNew[old[i]!]!;
    values[i] = row;
    if (row < 0) removedAt.push(i);
  }
  // Per list that loses rows, how many.
  const losses = new Map<number, number>();
  for (const at of removedAt) {
    // The last list starting at or before it (a list before it may be empty).
    const list = lowerBound(lists.start, 0, lists.start.length, at + 1) - 1;
    losses.set(list, (losses.get(list) ?? 0) + 1);
  }
  const replaced = new Map<number, Int32Array>();
  for (const list of new Set([...losses.keys(), ...added.keys()])) {
    if (list >= count) continue;
    const own = list < oldCount ? values.subarray(lists.start[list]!, lists.start[list + 1]!) : new Int32Array(0);
    replaced.set(list, merged(own, losses.get(list) ?? 0, added.get(list) ?? []));
  }
  return patchLists({ start: lists.start, values }, replaced, count);
}

/** Ascending rows with the `removed` negative ones left out and `extra` (ascending) merged in. */
function merged(rows: Int32Array, removed: number, extra: readonly number[]): Int32Array {
  const values = new Int32Array(rows.length - removed + extra.length);
  let at = 0;
  let e = 0;
  for (const row of rows) {
    if (row < 0) continue;
    while (e < extra.length && extra[e]! < row) values[at++] = extra[e++]!;
    values[at++] = row;
  }
  while (e < extra.length) values[at++] = extra[e++]!;
  return values;
}
