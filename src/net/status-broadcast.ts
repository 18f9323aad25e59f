// Relay status for the UI: counters change with every message, so listeners
// hear at most every 50 ms, with a fresh snapshot.
import type { Cancel, Timers } from '../core/clock.js';
import type { RelayStatus } from './types.js';

const EVERY_MS = 50;

export class StatusBroadcast {
  private readonly listeners = new Set<(status: RelayStatus[]) => void>();
  private cancel: Cancel | undefined;

  constructor(
    private readonly timers: Timers,
    private readonly snapshot: () => RelayStatus[],
  ) {}

  listen(listener: (status: RelayStatus[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    if (this.cancel || this.listeners.size === 0) return;
    this.cancel = this.timers.after(EVERY_MS, () => this.now(), { weak: true });
  }

  /** Tells every listener now (the pool closed, or the throttle ran out). */
  now(): void {
    this.stop();
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
  }
}
