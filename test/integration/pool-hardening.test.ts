// Issue #16, the network items: a future-dated note must never move a resubscription's `since`
// (item 3), a relay that accepts and closes at once must not be hammered, and AUTH signatures
// are capped (item 6), a half-sent frame must not hold the exit (item 7). Fault relays on
// loopback; time moved by hand (ManualTimers) wherever a timer decides.
import type { Event, EventTemplate, Filter } from 'nostr-tools';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPool } from '../../src/net/pool.js';
import type { RelayPool } from '../../src/net/types.js';
import type { Signer } from '../../src/store/types.js';
import { signed, startFaultRelay, type FaultRelay } from '../helpers/fault-relay.js';
import { ManualTimers } from '../helpers/manual-timers.js';
import { until } from '../helpers/until.js';

const NOW = 1_700_000_000;
const TEN_YEARS = 10 * 365 * 86_400;
const alice = generateSecretKey();
const ALICE = getPublicKey(alice);
const spec = (url: string) => ({ url, read: true, write: true });

let pool: RelayPool | undefined;
const stops: Array<() => Promise<void>> = [];
async function fault(script: Parameters<typeof startFaultRelay>[0]): Promise<FaultRelay> {
  const relay = await startFaultRelay(script);
  stops.push(() => relay.stop());
  return relay;
}
afterEach(async () => {
  await pool?.close();
  pool = undefined;
  for (const stop of stops.splice(0)) await stop();
});

/** What a real relay sends for a REQ: the stored events that match its filters (NIP-01 since/until). */
const matching = (stored: Event[], filters: Filter[]) =>
  stored.filter((e) => filters.some((f) => (f.since === undefined || e.created_at >= f.since) && (f.until === undefined || e.created_at <= f.until)));

describe('a note dated ten years ahead (item 3)', () => {
  it('does not move the resubscription after a reconnect: notes written later still arrive', async () => {
    const future = signed(alice, { created_at: NOW + TEN_YEARS, content: 'from the future' });
    const first = signed(alice, { created_at: NOW - 50, content: 'first' });
    const later = signed(alice, { created_at: NOW - 5, content: 'written after the drop' });
    const stored = [future, first];
    const relay = await fault({
      onReq(req) {
        for (const event of matching(stored, req.filters)) req.event(event);
        req.eose();
      },
    });
    const timers = new ManualTimers(NOW * 1000);
    pool = createPool({ relays: [spec(relay.url)], backoff: { baseMs: 1_000, maxMs: 60_000, random: () => 0 }, clock: timers, timers });
    const got: Event[] = [];
    const sub = pool.subscribe([{ authors: [ALICE], since: NOW - 100 }], { onevent: (e) => got.push(e) });
    await until(() => got.length === 2, 'the first two events');

    stored.push(later);
    relay.dropAll();
    await until(() => pool!.status()[0]!.state === 'error', 'the drop noticed');
    timers.advance(60_000);
    const req = await relay.waitFor((r) => r.conn === 1 && r.message[0] === 'REQ');
    // `since` is the newest event at most now + the allowed skew (15 min), never the future note's date.
    expect((req.message[2] as Filter).since).toBe(NOW - 50);
    await until(() => got.some((e) => e.id === later.id), 'the note written after the drop');
    sub.close();
  });
});
