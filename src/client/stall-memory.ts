// Relays that stalled on a recent run. Each one-shot command is a new process, and a relay that
// takes the REQ (or the EVENT) and never answers cost every command its whole wait: 5 s for an
// EOSE, 8 s for an OK. A relay that let a whole wait pass within the last hour gets a short one
// instead, until it answers again: it is still asked and sent to every time, and one EOSE or OK
// makes it an ordinary relay again. An hour after its last stall it gets the whole wait once
// more, so a relay that was only slow is cut short for an hour at most. A post sent there keeps
// its place in the outbox until a relay accepts it, as with any relay that did not answer.
import type { RelayWaits } from '../net/pool-options.js';

export const STALLED_EARLIER_WAIT_MS = 2_000;
export const STALL_REMEMBERED_MS = 3_600_000;

export class StallMemory implements RelayWaits {
  private readonly changes = new Map<string, number | undefined>();
  /** Relays given a short wait in this run for a stall on an earlier run, for the output to say so. */
  private readonly shortened = new Set<string>();
  private readonly startedAt: number;

  /** `known`: relay URL -> unix ms of its last stall, as stored. */
  constructor(
    private readonly known: Map<string, number>,
    private readonly now: () => number,
  ) {
    this.startedAt = now();
  }

  /** How long `url` gets to answer a request that gives relays `timeoutMs`. */
  wait(url: string, timeoutMs: number): number {
    if (!this.stalledLately(url) || timeoutMs <= STALLED_EARLIER_WAIT_MS) return timeoutMs;
    if (this.known.get(url)! < this.startedAt) this.shortened.add(url);
    return STALLED_EARLIER_WAIT_MS;
  }

  /** This run gave `url` a short wait because it stalled on an earlier run (not only on this one). */
  gaveShortWait(url: string): boolean {
    return this.shortened.has(url);
  }

  /** The relay stalled through a whole wait within the last hour, and has not answered since. */
  private stalledLately(url: string): boolean {
    const at = this.known.get(url);
    // A stall "in the future" (the clock was set back since) is not trusted: the relay gets the whole wait.
    return at !== undefined && this.now() >= at && this.now() - at < STALL_REMEMBERED_MS;
  }

  /** It sent an EOSE or an OK: an ordinary relay again. */
  answered(url: string): void {
    if (this.known.delete(url)) this.changes.set(url, undefined);
  }

  /** It let a wait pass without answering; a short one running out says nothing new (the stall it follows keeps its time). */
  waitedOut(url: string, waitedMs: number): void {
    if (waitedMs <= STALLED_EARLIER_WAIT_MS) return;
    const at = this.now();
    this.known.set(url, at);
    this.changes.set(url, at);
  }

  /** What to store: each relay's new stall time, or undefined for one that answered. */
  unsaved(): ReadonlyMap<string, number | undefined> {
    return this.changes;
  }
}
