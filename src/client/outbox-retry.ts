// The interactive UI's retry of the outbox while it runs (a command sends what earlier runs left
// once, as it starts; src/client/client.ts). A note no relay took is sent again when one of the
// user's write relays comes back after failing, and otherwise once its back-off has run out (a
// relay that was up but timed out, or said rate-limited). Each entry goes only where it was meant to.
import type { Clock } from '../core/clock.js';
import type { RelayPool } from '../net/types.js';
import type { SqliteOutbox } from '../store/outbox.js';
import { flushOutbox } from './outbox-flush.js';

/** How often entries whose back-off ran out are looked for (the first back-off is a minute). */
export const RETRY_CHECK_MS = 60_000;

export interface RetryDeps {
  outbox(): SqliteOutbox;
  pool: RelayPool;
  /** The user's write relays (for entries saved without a record of where they were meant to go). */
  writeRelays(): string[];
  clock: Clock;
  checkEveryMs?: number;
}

export function keepRetrying(deps: RetryDeps): { close(): void } {
  let running = false;
  /** Asked again while a retry ran: `true` when that ask honours back-offs (the timer), false when a relay came back. */
  let again: boolean | undefined;
  let closed = false;
  const retry = (honourBackoff: boolean) => {
    if (closed) return;
    if (running) {
      again = (again ?? true) && honourBackoff;
      return;
    }
    running = true;
    flushOutbox(deps.outbox(), deps.pool, {
      relays: deps.writeRelays(),
      attemptedOnly: true,
      stopAtFirstFailure: true,
      ...(honourBackoff ? { backoffAt: deps.clock.now() } : {}),
    })
      .catch(() => undefined)
      .finally(() => {
        running = false;
        const next = again;
        again = undefined;
        if (next !== undefined) retry(next);
      });
  };
  // A relay that failed (error, closed) and is connected again (a stalled one is connected too):
  // what waited for it goes now.
  const failed = new Set<string>();
  const offStatus = deps.pool.onStatus((status) => {
    const writes = new Set(deps.writeRelays());
    let back = false;
    for (const relay of status) {
      if (relay.state === 'error' || relay.state === 'closed') failed.add(relay.url);
      else if ((relay.state === 'connected' || relay.state === 'eose' || relay.state === 'stalled') && failed.delete(relay.url) && writes.has(relay.url)) back = true;
    }
    if (back) retry(false);
  });
  const timer = setInterval(() => retry(true), deps.checkEveryMs ?? RETRY_CHECK_MS);
  timer.unref?.();
  return {
    close() {
      closed = true;
      clearInterval(timer);
      offStatus();
    },
  };
}
