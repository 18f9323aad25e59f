// Insertion-ordered memory of the last `max` keys, the oldest forgotten first (issue #16 item 5):
// for what a stream only needs to remember for a while (copies of one event from several relays
// arrive within moments of each other), so that memory stops growing with the number of events.
// A Map keeps insertion order, so the oldest key is the first one. Pure.

export class RecentMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly max: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Remembers (or replaces) `key`; a new key past `max` makes the oldest one forgotten. */
  set(key: K, value: V): void {
    const fresh = !this.map.has(key);
    this.map.set(key, value);
    if (fresh && this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }

  clear(): void {
    this.map.clear();
  }
}

export class RecentSet<K> {
  private readonly map: RecentMap<K, true>;

  constructor(max: number) {
    this.map = new RecentMap(max);
  }

  get size(): number {
    return this.map.size;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** True when `key` was not remembered (it is now). */
  add(key: K): boolean {
    if (this.map.has(key)) return false;
    this.map.set(key, true);
    return true;
  }
}
