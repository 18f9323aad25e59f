// Relays that stalled on a recent run. Each one-shot command is a new process, and a relay that
// takes the REQ and never answers cost every command its whole EOSE wait (5 s). A relay that
// stalled through a whole wait within the last hour gets a short one instead, until it answers
// again: it is still asked every time, and one EOSE makes it an ordinary relay again. An hour
// after its last stall it gets the whole wait once more, so a relay that was only slow is cut
// short for an hour at most.
import type { RelayOutcome } from '../net/types.js';

export const STALLED_EARLIER_WAIT_MS = 2_000;
export const STALL_REMEMBERED_MS = 3_600_000;

export class StallMemory {
  private readonly changes = new Map<string, number | undefined>();

  /** `known`: relay URL -> unix ms of its last stall, as stored. */
  constructor(
    private readonly known: Map<string, number>,
    private readonly now: () => number,
  ) {}

  /** How long `url` gets to answer a request that gives relays `timeoutMs`. */
  wait(url: string, timeoutMs: number): number {
    return this.stalledLately(url) ? Math.min(timeoutMs, STALLED_EARLIER_WAIT_MS) : timeoutMs;
  }

  /** The relay stalled through a whole wait within the last hour, and has not answered since. */
  stalledLately(url: string): boolean {
    const at = this.known.get(url);
    return at !== undefined && this.now() - at < STALL_REMEMBERED_MS;
  }

  /** Learns from how a relay answered a request (the pool's `onOutcome`). */
  learn(outcome: RelayOutcome): void {
    if (outcome.eose) {
      if (!this.known.delete(outcome.url)) return;
      this.changes.set(outcome.url, undefined);
    } else if (outcome.waitedMs !== undefined && outcome.waitedMs > STALLED_EARLIER_WAIT_MS) {
      // A short wait that ran out says nothing new: the stall it followed keeps its time.
      const at = this.now();
      this.known.set(outcome.url, at);
      this.changes.set(outcome.url, at);
    }
  }

  /** What to store: each relay's new stall time, or undefined for one that answered. */
  unsaved(): ReadonlyMap<string, number | undefined> {
    return this.changes;
  }
}
