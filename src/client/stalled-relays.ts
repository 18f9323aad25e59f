// Relays that stalled (no EOSE in time) during this run, shared by its requests, so that a dead
// relay costs one timeout per run: a request opened later does not wait for it, and one already
// waiting is told and stops (src/client/window.ts).
export class StalledRelays extends Set<string> {
  private listeners: Set<(url: string) => void> | undefined;

  override add(url: string): this {
    if (this.has(url)) return this;
    super.add(url);
    for (const listener of this.listeners ?? []) listener(url);
    return this;
  }

  /** Told of each relay found stalled from now on. */
  onStall(listener: (url: string) => void): () => void {
    (this.listeners ??= new Set()).add(listener);
    return () => void this.listeners?.delete(listener);
  }
}
