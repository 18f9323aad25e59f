// Writes wait grouped by relay: one transaction (and one relay id) per group.

/** Appends `value` to `key`'s list, made on first use. */
export function append<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}
