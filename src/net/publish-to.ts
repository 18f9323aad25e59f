// EVENT to one relay (NIP-01), answered by its OK, with a NIP-42 AUTH retry.
import type { Event } from 'nostr-tools';
import type { Clock, Timers } from '../core/clock.js';
import type { PublishResult } from '../core/publish-result.js';
import type { Connection } from './connection.js';
import type { RelayWaits } from './pool-options.js';

export interface PublishDeps {
  clock: Clock;
  timers: Timers;
  /** The relay's status (round-trip time) changed. */
  changed(): void;
  /** How long the relay gets, and told whether it answered (src/net/pool-options.ts). */
  waits?: RelayWaits | undefined;
}

/** One relay, one result; every failure is a result, never a throw. */
export function publishTo(conn: Connection, event: Event, timeoutMsForAll: number, deps: PublishDeps): Promise<PublishResult> {
  const url = conn.url;
  const timeoutMs = deps.waits?.wait(url, timeoutMsForAll) ?? timeoutMsForAll;
  return new Promise((resolve) => {
    let connected = false;
    let done = false;
    const finish = (result: PublishResult) => {
      if (done) return;
      done = true;
      cancelTimer();
      resolve(result);
    };
    const cancelTimer = deps.timers.after(timeoutMs, () => {
      deps.waits?.waitedOut(url, timeoutMs);
      finish(
        connected
          ? { url, ok: false, outcome: 'timeout', message: `no answer within ${timeoutMs} ms` }
          : { url, ok: false, outcome: 'unreachable', message: `could not connect within ${timeoutMs} ms` },
      );
    });
    conn
      .open(timeoutMs)
      .then(async () => {
        connected = true;
        const sentAt = deps.clock.now();
        let result = await conn.relay.sendForOk('EVENT', event);
        // NIP-42: a relay may refuse until we authenticate; then one retry.
        if (!result.ok && result.message.startsWith('auth-required:') && (await conn.authenticate())) {
          result = await conn.relay.sendForOk('EVENT', event);
        }
        conn.status.rttMs = deps.clock.now() - sentAt;
        deps.changed();
        deps.waits?.answered(url);
        finish(
          result.ok
            ? { url, ok: true, outcome: 'accepted', message: result.message }
            : { url, ok: false, outcome: 'rejected', message: result.message },
        );
      })
      .catch((error: unknown) =>
        finish({ url, ok: false, outcome: 'unreachable', message: error instanceof Error ? error.message : String(error) }),
      );
  });
}
