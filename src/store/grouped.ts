// Writes wait grouped by relay: one transaction (and one relay id) per group.
import type { Event } from 'nostr-tools';

/** What waits to be written: events per relay (if known), then repeat deliveries per relay. */
export interface Waiting {
  events: Array<[string | undefined, Event[]]>;
  seen: Array<[string, string[]]>;
}

/** Appends `value` to `key`'s list, made on first use. */
export function append<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}

/** Appends `values` to `key`'s list, made on first use. */
export function appendAll<K, V>(groups: Map<K, V[]>, key: K, values: readonly V[]): void {
  for (const value of values) append(groups, key, value);
}
