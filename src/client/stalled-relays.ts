// Relays that stalled (no EOSE in time) during this run, shared by its requests, so that a dead
// relay costs one timeout per run: a request opened later does not wait for it, and one already
// waiting is told and stops (src/client/window.ts).
import type { Filter } from 'nostr-tools';
import type { FetchOptions, QueryOptions, QueryResult, RelayOutcome, RelayPool } from '../net/types.js';

export class StalledRelays extends Set<string> {
  private listeners: Set<(url: string) => void> | undefined;

  /** These relays but those that stalled: the ones a read waits for. */
  without(relays: readonly string[]): string[] {
    return relays.filter((url) => !this.has(url));
  }

  /** Remembers the relays that timed out answering a request. */
  learn(outcomes: readonly RelayOutcome[]): void {
    for (const outcome of outcomes) if (outcome.timedOut) this.add(outcome.url);
  }

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

/**
 * `pool.query` that does not wait for the relays in `stalled` (left out of `opts.relays`) and
 * remembers those that stall on it; without `opts.relays` (the pool's read relays) or `stalled`, a
 * plain query. One cut short by its caller (`signal`) teaches nothing: its relays were not slow.
 */
export async function queryPastStalled(
  pool: Pick<RelayPool, 'query'>,
  filters: Filter[],
  opts: QueryOptions & FetchOptions,
  stalled: StalledRelays | undefined,
): Promise<QueryResult> {
  const result = await pool.query(filters, opts.relays && stalled ? { ...opts, relays: stalled.without(opts.relays) } : opts);
  if (!opts.signal?.aborted) stalled?.learn(result.relays);
  return result;
}
