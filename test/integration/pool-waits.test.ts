// The pool asks its `waits` (src/net/pool-options.ts; the client's memory of relays that are
// down, src/client/stall-memory.ts) how long each relay gets, for a request's EOSE and for an
// event's OK, and tells it which relay answered and which let its whole wait pass.
import { generateSecretKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import { createPool } from '../../src/net/pool.js';
import type { RelayWaits } from '../../src/net/pool-options.js';
import type { RelayPool } from '../../src/net/types.js';
import { signed, startFaultRelay, type FaultRelay } from '../helpers/fault-relay.js';
import { ManualTimers } from '../helpers/manual-timers.js';
import { until } from '../helpers/until.js';

const NOW = 1_700_000_000;
let pool: RelayPool | undefined;
let relays: FaultRelay[] = [];
afterEach(async () => {
  await pool?.close();
  await Promise.all(relays.map((relay) => relay.stop()));
  pool = undefined;
  relays = [];
});

/** Gives `down` relays 300 ms, everyone else what the request gives; records what it is told. */
function recordingWaits(down: string[]): RelayWaits & { told: string[] } {
  const told: string[] = [];
  return {
    told,
    wait: (url, timeoutMs) => (down.includes(url) ? 300 : timeoutMs),
    answered: (url) => void told.push(`answered ${url}`),
    waitedOut: (url, waitedMs) => void told.push(`waited ${waitedMs} for ${url}`),
  };
}

describe('the pool with relay waits', () => {
  it('gives each relay its own wait for EOSE and OK, and says who answered and who let the wait pass', async () => {
    const live = await startFaultRelay({ onReq: (req) => req.eose(), onEvent: (event, conn) => conn.send(['OK', event.id, true, '']) });
    const down = await startFaultRelay({});
    const slow = await startFaultRelay({});
    relays = [live, down, slow];
    const timers = new ManualTimers(NOW * 1000);
    const waits = recordingWaits([down.url]);
    pool = createPool({ relays: relays.map(({ url }) => ({ url, read: true, write: true })), clock: timers, timers, waits });

    let settled: Awaited<ReturnType<RelayPool['query']>> | undefined;
    const query = pool.query([{ kinds: [1] }], { eoseTimeoutMs: 5_000 }).then((result) => (settled = result));
    await Promise.all([down, slow].map((relay) => relay.waitFor((r) => r.message[0] === 'REQ')));
    await until(() => waits.told.includes(`answered ${live.url}`) || undefined, "the live relay's EOSE");
    timers.advance(300);
    await until(() => waits.told.includes(`waited 300 for ${down.url}`) || undefined, 'the short wait to pass');
    expect(settled).toBeUndefined();
    timers.advance(4_700);
    await query;
    expect(settled!.relays.map(({ url, eose, timedOut }) => ({ url, eose, timedOut }))).toEqual([
      { url: live.url, eose: true, timedOut: false },
      { url: down.url, eose: false, timedOut: true },
      { url: slow.url, eose: false, timedOut: true },
    ]);
    expect(waits.told).toEqual([`answered ${live.url}`, `waited 300 for ${down.url}`, `waited 5000 for ${slow.url}`]);

    waits.told.length = 0;
    const note = signed(generateSecretKey(), { created_at: NOW, content: 'hello' });
    const publishing = pool.publish(note, { timeoutMs: 8_000 });
    await Promise.all(relays.map((relay) => relay.waitFor((r) => r.message[0] === 'EVENT')));
    await until(() => waits.told.includes(`answered ${live.url}`) || undefined, "the live relay's OK");
    timers.advance(300);
    await until(() => waits.told.includes(`waited 300 for ${down.url}`) || undefined, 'the short wait to pass');
    timers.advance(7_700);
    const results = await publishing;
    expect(results.map(({ url, outcome, message }) => ({ url, outcome, message }))).toEqual([
      { url: live.url, outcome: 'accepted', message: '' },
      { url: down.url, outcome: 'timeout', message: 'no answer within 300 ms' },
      { url: slow.url, outcome: 'timeout', message: 'no answer within 8000 ms' },
    ]);
    expect(waits.told).toEqual([`answered ${live.url}`, `waited 300 for ${down.url}`, `waited 8000 for ${slow.url}`]);
  });
});
