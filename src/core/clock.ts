/** Time is passed in, never read deep inside logic, so tests control it. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Unix seconds, the unit of `created_at` (NIP-01). */
export const unixNow = (clock: Clock): number => Math.floor(clock.now() / 1000);
