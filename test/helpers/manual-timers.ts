// A clock and timers moved by hand (src/core/clock.ts Timers): a test says
// "999 ms pass" and knows exactly which timers fired. Network I/O still runs
// in real time; only the timers under test wait for advance().
import type { Cancel, Clock, Timers } from '../../src/core/clock.js';

interface Pending {
  at: number;
  order: number;
  fn: () => void;
}

export class ManualTimers implements Clock, Timers {
  private time: number;
  private order = 0;
  private readonly due = new Set<Pending>();

  constructor(startMs = 0) {
    this.time = startMs;
  }

  now(): number {
    return this.time;
  }

  after(ms: number, fn: () => void): Cancel {
    const timer = { at: this.time + Math.max(0, ms), order: this.order++, fn };
    this.due.add(timer);
    return () => void this.due.delete(timer);
  }

  /** Timers waiting to fire. */
  get pending(): number {
    return this.due.size;
  }

  /** Moves time forward, firing every timer due by then, earliest first (ties in the order they were set). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let next: Pending | undefined;
      for (const timer of this.due) {
        if (timer.at <= end && (!next || timer.at < next.at || (timer.at === next.at && timer.order < next.order))) next = timer;
      }
      if (!next) break;
      this.due.delete(next);
      this.time = next.at;
      next.fn();
    }
    this.time = end;
  }
}
