/** Maps whose values are lists, as the builder groups things (by shard, by key, by term). */

/** Append `value` to the list under `key`, starting the list if there is none. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
