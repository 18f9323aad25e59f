// Insertion-ordered memory of the last `max` keys, the oldest forgotten first (issue #16 item 5):
// for what a stream only needs to remember for a while (copies of one event from several relays
// arrive within moments of each other), so that memory stops growing with the number of events.
// A Map keeps insertion order, so the oldest key is the first one. Pure.
// What is set again moves to the end of the line, so a key still in use (a note on screen,
// asked again at every layout) is never the one forgotten.

export class RecentMap<K, V> {
  private readonly map = new Map<K, V>();
  /**
   * Where the oldest key is. A new `keys()` iterator walks past every entry deleted since V8 last
   * rebuilt the table, so asking a fresh one for the first key made each forget O(max) once the
   * map was full (the start-up window, 40,000 events: 65 ms of a 1.7 s ingest); a live iterator
   * keeps its place. Keys only ever join at the end, so every key still here is ahead of it.
   */
  private oldest: Iterator<K> = this.map.keys();

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
    if (!this.map.delete(key)) this.makeRoom();
    this.map.set(key, value);
  }

  /**
   * What is remembered for `key`, or else `make(key)`, remembered now: a bounded memo. `make`
   * never returns undefined (undefined reads as not remembered).
   */
  remember(key: K, make: (key: K) => V): V {
    let value = this.map.get(key);
    if (value === undefined) {
      value = make(key);
      this.set(key, value);
    }
    return value;
  }

  /** Remembers `key`, known not to be here (one lookup fewer than set: a stream's hot path). */
  setNew(key: K, value: V): void {
    this.makeRoom();
    this.map.set(key, value);
  }

  private makeRoom(): void {
    if (this.map.size < this.max) return;
    const oldest = this.nextOldest();
    const forgotten = this.map.get(oldest) as V;
    this.map.delete(oldest);
    this.onforget?.(oldest, forgotten);
  }

  /** Makes a remembered key the newest (still in use, so not the one forgotten); false when it is not remembered. */
  touch(key: K): boolean {
    if (!this.map.has(key)) return false;
    const value = this.map.get(key) as V;
    this.map.delete(key);
    this.map.set(key, value);
    return true;
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  private nextOldest(): K {
    let next = this.oldest.next();
    // An iterator that once reached the end stays there: start again from the first key.
    if (next.done) {
      this.oldest = this.map.keys();
      next = this.oldest.next();
    }
    return next.value as K;
  }

  keys(): IterableIterator<K> {
    return this.map.keys();
  }

  clear(): void {
    this.map.clear();
    this.oldest = this.map.keys();
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
    this.map.setNew(key, true);
    return true;
  }
}
