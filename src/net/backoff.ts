// Reconnect delays: exponential with "equal jitter", so a relay that drops
// every client at once is not hit by all of them again at the same moment.

export interface BackoffOptions {
  /** First delay, ms. */
  baseMs: number;
  /** Longest delay, ms. */
  maxMs: number;
  /** In [0, 1); injected so tests can pin it. */
  random: () => number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 1_000, maxMs: 60_000, random: Math.random };

/** Delay before reconnect attempt `attempt` (0 = first): half fixed, half random. */
export function backoffDelay(attempt: number, opts: BackoffOptions = defaultBackoff): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + opts.random() * (ceiling / 2));
}
