// Streaming events are written in batches: one transaction per batch keeps
// the (synchronous) SQLite writes short, so the UI never waits on them.
import type { Event } from 'nostr-tools';
import type { EventStore } from './types.js';

export interface WriteBufferOptions {
  /** Longest an event waits before it is written, ms. */
  flushMs?: number;
  /** Written at once when this many are waiting. */
  maxBatch?: number;
}

export class WriteBuffer {
  private readonly queued = new Map<string | undefined, Event[]>();
  /** Repeat deliveries: relay -> ids it delivered again. */
  private readonly repeats = new Map<string, string[]>();
  private size = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly flushMs: number;
  private readonly maxBatch: number;

  constructor(
    private readonly store: EventStore,
    opts: WriteBufferOptions = {},
  ) {
    this.flushMs = opts.flushMs ?? 100;
    // Each commit rewrites every index page its batch touched, so that cost is
    // per batch: measured with 10,000 events cached, batches of 200 sustain
    // ~23,000 events/s (~9 ms each), batches of 1,000 ~38,000/s (~26 ms each,
    // under a frame at Ink's 30 fps), batches of 2,000 only ~43,000/s for twice the stall.
    this.maxBatch = opts.maxBatch ?? 1_000;
  }

  add(event: Event, relay?: string): void {
    let list = this.queued.get(relay);
    if (!list) this.queued.set(relay, (list = []));
    list.push(event);
    this.queue();
  }

  /** `relay` delivered an event again: written after the events, so it is marked if it was stored. */
  seen(id: string, relay: string): void {
    let list = this.repeats.get(relay);
    if (!list) this.repeats.set(relay, (list = []));
    list.push(id);
    this.queue();
  }

  private queue(): void {
    this.size++;
    if (this.size >= this.maxBatch) {
      this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.flushMs);
      // Waiting events must not keep a finished command alive; close() writes them.
      this.timer.unref?.();
    }
  }

  /** Writes everything waiting; returns how many events were new to the store. */
  flush(): number {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    let added = 0;
    for (const [relay, events] of this.queued) added += this.store.putMany(events, relay);
    for (const [relay, ids] of this.repeats) this.store.addSeen?.(ids, relay);
    this.queued.clear();
    this.repeats.clear();
    this.size = 0;
    return added;
  }

  /** Writes what is waiting; call before closing the store. */
  close(): void {
    this.flush();
  }
}
