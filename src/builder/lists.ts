/**
 * Lists of lists of numbers as two typed arrays (the ranking's term, topic and provider lists,
 * see related-ranker.ts), and how a rebuild changes them: replacing some lists (patchLists), or
 * laying the lists out again with some taken out and others put in (relaid). Where the values
 * lie in a buffer with room to grow (growableValues), both move them within it instead of
 * copying them into fresh memory: at 100k articles the term lists are 12 MB each, ~3,000 new
 * pages of memory each, at ~12 µs a page on the project's machine.
 */

/** Lists of lists as one array of values and, per list, where it starts (plus a final end). */
export interface Lists {
  start: Int32Array;
  values: Int32Array;
}

/**
 * Flatten lists of numbers (each already in the order wanted), in shared memory: posted to the
 * ranking worker, they are then shared, not copied. The term lists are ~25 MB at 100k articles,
 * and a copy took as much again while it was being posted, when a build's memory peaks.
 */
export function toLists(lists: readonly ArrayLike<number>[]): Lists {
  const flat = sizedLists(lists.map((list) => list.length));
  lists.forEach((list, i) => flat.values.set(list, flat.start[i]!));
  return flat;
}

/** Lists of the given lengths, zero-filled in shared memory (see toLists), to be filled in place. */
export function sizedLists(lengths: ArrayLike<number>): Lists {
  const start = sharedInt32Array(lengths.length + 1);
  for (let i = 0; i < lengths.length; i++) start[i + 1] = start[i]! + lengths[i]!;
  return { start, values: sharedInt32Array(start[lengths.length]!) };
}

/** One list, as a view. */
export function listOf(lists: Lists, list: number): Int32Array {
  return lists.values.subarray(lists.start[list]!, lists.start[list + 1]!);
}

/** One list's length, from `start` alone (the values may have moved on); 0 past the last list. */
export function listLength(lists: Lists, list: number): number {
  return list + 1 < lists.start.length ? lists.start[list + 1]! - lists.start[list]! : 0;
}

/** First index in values[from, to) whose value is not below `value` (the values ascending). */
export function lowerBound(values: Int32Array, from: number, to: number, value: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (values[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function sharedInt32Array(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT));
}

/** Buffers that hold the values of one set of lists and nothing after them (see growableValues). */
const growable = new WeakSet<ArrayBufferLike>();

/** `length` values (zeros) in a buffer of their own with room for `room` more, that a patch may grow in place. */
export function growableValues(length: number, room: number): Int32Array {
  const buffer = new ArrayBuffer((length + room) * Int32Array.BYTES_PER_ELEMENT);
  growable.add(buffer);
  return new Int32Array(buffer, 0, length);
}

/** Whether these values may be changed where they lie: the whole of a growable buffer's lists. */
export function isGrowable(values: Int32Array): boolean {
  return growable.has(values.buffer) && values.byteOffset === 0;
}

/**
 * `lists` with some lists replaced (by index) and, past its end, lists added up to `count`
 * (empty unless replaced). Where its values are growable and the buffer has room, they are
 * moved in place, and `lists` must not be read afterwards; otherwise unchanged runs of lists
 * are copied in one piece each.
 */
export function patchLists(lists: Lists, replaced: ReadonlyMap<number, ArrayLike<number>>, count: number): Lists {
  const oldCount = lists.start.length - 1;
  const start = new Int32Array(count + 1);
  for (let list = 0, at = 0; list <= count; list++) {
    start[list] = at;
    if (list === count) break;
    at += replaced.get(list)?.length ?? (list < oldCount ? lists.start[list + 1]! - lists.start[list]! : 0);
  }
  // Runs of unchanged old lists between the replaced ones, each to where its first list starts now.
  const runs: Run[] = [];
  let from = 0;
  for (const list of [...[...replaced.keys()].sort((a, b) => a - b), count]) {
    const to = Math.min(list, oldCount);
    if (to > from) runs.push([lists.start[from]!, lists.start[to]!, start[from]!]);
    from = list + 1;
  }
  const values = relaid(lists.values, start[count]!, runs);
  for (const [list, own] of replaced) values.set(own, start[list]!);
  return { start, values };
}

/**
 * Per-row lists with rows taken out and put in: new row r holds old row newToOld[r]'s list, or,
 * where that is negative, new row -1 - newToOld[r]'s (`ofNew`). In place as patchLists.
 */
export function relaidRows(lists: Lists, newToOld: Int32Array, ofNew: (i: number) => ArrayLike<number>): Lists {
  const count = newToOld.length;
  const start = new Int32Array(count + 1);
  for (let row = 0; row < count; row++) {
    const old = newToOld[row]!;
    start[row + 1] = start[row]! + (old >= 0 ? lists.start[old + 1]! - lists.start[old]! : ofNew(-1 - old).length);
  }
  // Each run of consecutive old rows is one run of values.
  const runs = oldRowRuns(newToOld).map(([row, old, rows]): Run => [
    lists.start[old]!,
    lists.start[old + rows]!,
    start[row]!,
  ]);
  const values = relaid(lists.values, start[count]!, runs);
  newToOld.forEach((old, row) => {
    if (old < 0) values.set(ofNew(-1 - old), start[row]!);
  });
  return { start, values };
}

/**
 * Where rows taken out and put in (see relaidRows) leave old rows side by side: each run of
 * consecutive old rows, as its first new row, its first old row and how many rows it has.
 */
export function oldRowRuns(newToOld: Int32Array): [row: number, old: number, rows: number][] {
  const runs: [number, number, number][] = [];
  for (let row = 0; row < newToOld.length;) {
    const old = newToOld[row]!;
    let end = row + 1;
    if (old >= 0) {
      while (end < newToOld.length && newToOld[end]! === newToOld[end - 1]! + 1) end++;
      runs.push([row, old, end - row]);
    }
    row = end;
  }
  return runs;
}

/** Values [from, to) of the old array, to lie from `at` in the new one. */
type Run = [from: number, to: number, at: number];

/**
 * `length` values: the runs of `old` at their new places (in the order of their old places, and
 * never overlapping there), the rest to be filled in. Moved within old's buffer when it is
 * growable and has room, or copied into a new array.
 */
function relaid(old: Int32Array, length: number, runs: readonly Run[]): Int32Array {
  if (!isGrowable(old) || length * 4 > old.buffer.byteLength) {
    const values = new Int32Array(length);
    for (const [from, to, at] of runs) values.set(old.subarray(from, to), at);
    return values;
  }
  // A run moves no further than its neighbours' new places, so moving the runs that go right
  // from the last, then those that go left from the first, never overwrites one not yet moved.
  const all = new Int32Array(old.buffer);
  for (let k = runs.length - 1; k >= 0; k--) {
    const [from, to, at] = runs[k]!;
    if (at > from) all.copyWithin(at, from, to);
  }
  for (const [from, to, at] of runs) if (at < from) all.copyWithin(at, from, to);
  return new Int32Array(old.buffer, 0, length);
}
