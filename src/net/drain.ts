// Relay messages are handled in slices, not as they are read (issue #17).
//
// One turn of Node's event loop reads every socket that has data, up to 32
// reads of 64 KiB each: thousands of EVENT messages, which handled at once
// (parse, hash, signature) held the main thread 250-900 ms while a feed
// streamed in, and the UI drew no frame meanwhile. Here a socket's messages
// wait in its relay's inbox and are handled round-robin in slices of at most
// SLICE_MS, each followed by a turn of the loop (timers, input, frames, more
// reads). A relay that is far ahead is paused (TCP holds the rest) until its
// backlog is handled, so memory stays bounded whatever a relay sends.
import { setImmediate } from 'node:timers';

/** What the drain asks of a relay. */
export interface Drainable {
  /** Handles its next message; false when its inbox is empty. */
  handleNext(): boolean;
}

/**
 * Longest run of message handling before the event loop gets a turn: with the in-order
 * deliveries (in-order.ts), a cache write slice, a frame and a GC pause in the same turn, the
 * turn stays near 50 ms (frame-stall: 8 ms slices left 52-66 ms gaps, 4 ms 38-58 ms, and
 * ingest within noise).
 */
export const SLICE_MS = 4;
/** Steps between two looks at the clock. */
const BETWEEN_CLOCK_READS = 16;

/** A slice starting now, for loops that yield: `spent()` once SLICE_MS has passed (the clock read every few steps). */
export function slice(): () => boolean {
  const deadline = performance.now() + SLICE_MS;
  let steps = 0;
  return () => ++steps % BETWEEN_CLOCK_READS === 0 && performance.now() >= deadline;
}

export class Drain {
  /** Relays with messages waiting, in the order they woke (round-robin). */
  private readonly waiting = new Set<Drainable>();
  private scheduled = false;

  /** A relay has a message in its inbox. */
  wake(relay: Drainable): void {
    this.waiting.add(relay);
    if (!this.scheduled) {
      this.scheduled = true;
      // node:timers' own: a test faking the global timers must not stop the sockets being read.
      setImmediate(this.run);
    }
  }

  /** A relay closed by us: its inbox is gone. */
  forget(relay: Drainable): void {
    this.waiting.delete(relay);
  }

  private readonly run = (): void => {
    this.scheduled = false;
    const spent = slice();
    while (this.waiting.size > 0) {
      for (const relay of this.waiting) {
        if (!relay.handleNext()) this.waiting.delete(relay);
        if (spent()) return this.again();
      }
    }
  };

  private again(): void {
    if (this.waiting.size === 0 || this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.run);
  }
}
