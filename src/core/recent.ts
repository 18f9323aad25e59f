// Insertion-ordered memory of the last `max` keys, the oldest forgotten first (issue #16 item 5):
// for what a stream only needs to remember for a while (copies of one event from several relays
// arrive within moments of each other), so that memory stops growing with the number of events.
// A Map keeps insertion order, so the oldest key is the first one. Pure.
// What is set again moves to the end of the line, so a key still in use (a note on screen,
// asked again at every layout) is never the one forgotten.

export class RecentMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(
    readonly max: number,
    /** Told of each key forgotten for room (not of deletes), e.g. to drop what hangs on it. */
    private readonly onforget?: (key: K, value: V) => void,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /**
   * Remembers `key` as the newest (a key already there moves to the end of the line: what is
   * still in use is set again and stays); past `max` the oldest is forgotten.
   */
  set(key: K, value: V): void {
    if (!this.map.delete(key) && this.map.size >= this.max) {
      const oldest = this.map.keys().next().value as K;
      const forgotten = this.map.get(oldest) as V;
      this.map.delete(oldest);
      this.onforget?.(oldest, forgotten);
    }
    this.map.set(key, value);
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  keys(): IterableIterator<K> {
    return this.map.keys();
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
