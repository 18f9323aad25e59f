// Streaming events are written in slices that never hold the main thread
// long (issue #17): SQLite is synchronous, and a commit of 1,000 events took
// ~26 ms, SQLite's own WAL checkpoint 120-200 ms (a visible freeze in a burst).
//
// - Each slice is one transaction per relay, sized from the last slices' cost
//   so that it takes about SLICE_MS; between slices the event loop runs (frames,
//   sockets), so a burst is written over many turns instead of one long one.
// - The store's automatic checkpoint is paused while a buffer is open; the
//   buffer checkpoints itself (PASSIVE: never waits for readers) every
//   CHECKPOINT_EVENTS, as a slice of its own, so each copies only the WAL pages
//   written since the last one instead of 64 MB at once.
import type { Event } from 'nostr-tools';
import { append, type Waiting } from './grouped.js';
import type { EventStore } from './types.js';

export interface WriteBufferOptions {
  /** Longest an event waits before it is written, ms. */
  flushMs?: number;
  /** Largest slice; also written at once (synchronously) when this many are waiting. */
  maxBatch?: number;
  /** Time one slice aims at, ms. */
  sliceMs?: number;
}

/** Aimed at per slice: well under a 16 ms frame, with room for the rest of the turn. */
const SLICE_MS = 4;
/** Smallest adaptive slice: below it the commit itself dominates. */
const MIN_SLICE = 25;
/** The event loop counts as turning while this buffer's step ran within this long. */
const TURNING_MS = 250;
/** Events between two checkpoint steps: a few MB of WAL, copied in a few ms. */
const CHECKPOINT_EVENTS = 1_500;

export class WriteBuffer {
  private readonly queued = new Map<string | undefined, Event[]>();
  /** Repeat deliveries: relay -> ids it delivered again. */
  private readonly repeats = new Map<string, string[]>();
  private size = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private immediate: ReturnType<typeof setImmediate> | undefined;
  private readonly flushMs: number;
  private readonly maxBatch: number;
  private readonly sliceMs: number;
  private slice: number;
  private sinceCheckpoint = 0;
  private readonly resumeCheckpoints: (() => void) | undefined;
  private closed = false;
  /** When a turn of the event loop last ran this buffer's step (performance.now() ms). */
  private lastTurnAt = -Infinity;

  constructor(
    private readonly store: EventStore,
    opts: WriteBufferOptions = {},
  ) {
    this.flushMs = opts.flushMs ?? 100;
    // Each commit rewrites every index page its batch touched, so that cost is
    // per batch: measured with 10,000 events cached, batches of 200 sustain
    // ~23,000 events/s (~9 ms each), batches of 1,000 ~38,000/s (~26 ms each).
    // The slice starts at 200 and follows the measured cost from there.
    this.maxBatch = opts.maxBatch ?? 1_000;
    this.sliceMs = opts.sliceMs ?? SLICE_MS;
    this.slice = Math.min(200, this.maxBatch);
    this.resumeCheckpoints = store.pauseAutoCheckpoint?.();
  }

  add(event: Event, relay?: string): void {
    append(this.queued, relay, event);
    this.queue();
  }

  /** `relay` delivered an event again: written after the events, so it is marked if it was stored. */
  seen(id: string, relay: string): void {
    append(this.repeats, relay, id);
    this.queue();
  }

  private queue(): void {
    this.size++;
    if (this.size >= this.maxBatch) {
      // Events arrive faster than the turns drain them: one write now. While the event loop
      // turns (a feed in the UI: this buffer's own step ran lately), a slice, so no frame waits
      // long; when it does not (a caller adding events in one go), a full batch, the cheapest
      // per event (a commit's cost is mostly per commit: ~26 ms for 1,000, ~9 ms for 200).
      const turning = performance.now() - this.lastTurnAt < TURNING_MS;
      this.writeSlice(turning ? this.slice : this.maxBatch);
      this.scheduleDrain();
    } else if (this.size >= this.slice) {
      // A slice's worth waits: written on the next turn rather than after flushMs, so a stream
      // is written as it comes instead of piling up to a full (and long) batch.
      this.scheduleDrain();
    } else if (!this.timer && !this.immediate) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.drain();
      }, this.flushMs);
      // Waiting events must not keep a finished command alive; close() writes them.
      this.timer.unref?.();
    }
  }

  /** Writes everything waiting now, in one go; returns how many events were new to the store. */
  flush(): number {
    this.cancel();
    let added = 0;
    for (const [relay, events] of this.queued) added += this.store.putMany(events, relay);
    for (const [relay, ids] of this.repeats) this.store.addSeen?.(ids, relay);
    this.queued.clear();
    this.repeats.clear();
    this.size = 0;
    return added;
  }

  /** Takes what waits, unwritten (the writer thread writes it instead), and closes. */
  unsent(): Waiting {
    const waiting: Waiting = { events: [...this.queued], seen: [...this.repeats] };
    this.queued.clear();
    this.repeats.clear();
    this.size = 0;
    this.close();
    return waiting;
  }

  /** Writes what is waiting and gives the store its automatic checkpoints back; call before closing the store. */
  close(): void {
    this.flush();
    if (this.closed) return;
    this.closed = true;
    if (this.sinceCheckpoint > 0) this.store.checkpointStep?.();
    this.resumeCheckpoints?.();
  }

  /** One slice, then (if more waits, or a checkpoint is due) another turn of the event loop. */
  private drain(): void {
    this.immediate = undefined;
    this.lastTurnAt = performance.now();
    if (this.checkpointDue()) {
      this.sinceCheckpoint = 0;
      this.store.checkpointStep!();
    } else this.writeSlice(this.slice);
    this.scheduleDrain();
  }

  private scheduleDrain(): void {
    const due = this.size > 0 || this.checkpointDue();
    if (!due || this.immediate || this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.immediate = setImmediate(() => this.drain());
    this.immediate.unref?.();
  }

  /**
   * A step every CHECKPOINT_EVENTS during a burst, and one when the buffer has
   * caught up, so other writes of the session (profiles, lists) do not grow the WAL either.
   */
  private checkpointDue(): boolean {
    if (!this.store.checkpointStep || this.sinceCheckpoint === 0) return false;
    return this.sinceCheckpoint >= CHECKPOINT_EVENTS || this.size === 0;
  }

  /**
   * Up to `max` of the oldest waiting events, one transaction per relay, then (once no event
   * waits) repeats, so a repeat is marked after its event is stored; adapts the slice to its cost.
   */
  private writeSlice(max: number): void {
    let budget = Math.min(max, this.size);
    if (budget === 0) return;
    let written = 0;
    const started = performance.now();
    for (const [relay, events] of this.queued) {
      const part = events.length <= budget ? events : events.splice(0, budget);
      if (part === events) this.queued.delete(relay);
      budget -= part.length;
      written += part.length;
      this.store.putMany(part, relay);
      if (budget === 0) break;
    }
    if (this.queued.size === 0) {
      for (const [relay, ids] of this.repeats) {
        if (budget === 0) break;
        const part = ids.length <= budget ? ids : ids.splice(0, budget);
        if (part === ids) this.repeats.delete(relay);
        budget -= part.length;
        written += part.length;
        this.store.addSeen?.(part, relay);
      }
    }
    this.size -= written;
    this.sinceCheckpoint += written;
    const perItem = (performance.now() - started) / written;
    // A slice grows at most twofold per step: the cost of one batch (index pages, the search
    // index, the content) does not say much about a batch several times its size (frame-stall:
    // a slice sized from a cheap one held the main thread 34 ms).
    if (perItem > 0) this.slice = Math.max(MIN_SLICE, Math.min(this.maxBatch, written * 2, Math.floor(this.sliceMs / perItem)));
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }
}
