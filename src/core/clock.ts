/** Time is passed in, never read deep inside logic, so tests control it. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Unix seconds, the unit of `created_at` (NIP-01). */
export const unixNow = (clock: Clock): number => Math.floor(clock.now() / 1000);

/** A moment as the commands print it, to the minute: `2026-12-03 06:03 UTC`. */
export const utcMinute = (unixSeconds: number): string => `${new Date(unixSeconds * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Cancels a timer; harmless after it has fired. */
export type Cancel = () => void;

/**
 * Timers are passed in like the clock, so tests move time by hand instead of
 * waiting for it (a stalled relay costs exactly its timeout, not "about").
 */
export interface Timers {
  /** Runs `fn` once after `ms`. A `weak` timer does not keep the process alive. */
  after(ms: number, fn: () => void, opts?: { weak?: boolean }): Cancel;
}

export const systemTimers: Timers = {
  after(ms, fn, opts) {
    const timer = setTimeout(fn, ms);
    if (opts?.weak) timer.unref();
    return () => clearTimeout(timer);
  },
};
