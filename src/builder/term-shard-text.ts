/**
 * A term shard of the search index spelled out in bytes exactly as a full build writes it
 * (JSON.stringify of buildTermShards' object), for a patch that writes a few shards again: the
 * postings are most of a shard (~100,000 numbers in a large one at 100k articles), and writing
 * their digits straight into bytes skips a string per number and the shard's text.
 */
import { FEED_SCHEMA_VERSION } from '../feed/schema';
import { indexRowOf } from '../feed/list-layout';
import { JsonBytes } from './json-bytes';
import { compareText } from './feed-model';

/**
 * The shard holding `ids` (term ids: `terms[id]` is the term, `postingsOf(id)` its rows in the
 * feed, ascending newest first); `count`: the feed's rows.
 */
export function termShardText(
  ids: readonly number[],
  terms: readonly string[],
  postingsOf: (id: number) => Int32Array,
  count: number,
): Uint8Array {
  // Keys in an object's order: array indexes ("2019") first, by value, then the others as set.
  const sorted = [...ids].sort((a, b) => compareKeys(terms[a]!, terms[b]!));
  let numbers = 0;
  for (const id of sorted) numbers += postingsOf(id).length;
  const text = new ShardText(numbers * 4 + sorted.length * 24 + 64);
  text.ascii(`{"schemaVersion":${FEED_SCHEMA_VERSION},"terms":{`);
  sorted.forEach((id, k) => {
    text.text(`${k > 0 ? ',' : ''}${JSON.stringify(terms[id])}:[`);
    text.gaps(postingsOf(id), count);
    text.ascii(']');
  });
  text.ascii('}}');
  return text.bytes();
}

/** Whether an object keeps `key` as an array index (before its other keys, in numeric order). */
function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 2 ** 32 - 1;
}

/** The order of an object's keys set in compareText order (see buildTermShards). */
export function compareKeys(a: string, b: string): number {
  const [indexA, indexB] = [isArrayIndex(a), isArrayIndex(b)];
  if (indexA && indexB) return Number(a) - Number(b);
  if (indexA !== indexB) return indexA ? -1 : 1;
  return compareText(a, b);
}

class ShardText extends JsonBytes {
  /**
   * A term's postings as the index stores them (see indexRows and deltaEncode): rows counted
   * from the oldest, ascending, the first and then the gaps, comma-separated.
   */
  gaps(rows: Int32Array, count: number): void {
    let last = 0;
    this.ints(rows.length, (k) => {
      const row = indexRowOf(rows[rows.length - 1 - k]!, count);
      const gap = row - last;
      last = row;
      return gap;
    });
  }
}
