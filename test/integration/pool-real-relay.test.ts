// The real-relay halves of behaviours first proven against the fault relay
// (pool-faults.test.ts): an id is verified once however many relays send it, and a
// stream that lost its connection resubscribes from the newest event that relay sent.
// (NIP-42 AUTH stays fault-relay only: @nostr-relay/core does not ask for it.)
import type { Event } from 'nostr-tools';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchWindow } from '../../src/client/window.js';
import { createPool } from '../../src/net/pool.js';
import type { RelayPool } from '../../src/net/types.js';
import { mainThreadVerifier, type SignatureVerifier } from '../../src/net/verify.js';
import { signed } from '../helpers/fault-relay.js';
import { ManualTimers } from '../helpers/manual-timers.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { until } from '../helpers/until.js';

const NOW = 1_700_000_000;
const spec = (url: string) => ({ url, read: true, write: true });
const sorted = (events: Event[]) => events.map((e) => e.id).sort();

describe('pool behaviours on real relays', () => {
  let relays: TestRelay[];
  let pool: RelayPool | undefined;
  beforeAll(async () => {
    relays = await Promise.all([startRelay(), startRelay(), startRelay()]);
  });
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });
  afterAll(async () => {
    await Promise.all(relays.map((r) => r.stop()));
  });

  it('an id is verified once, however many real relays send it', async () => {
    const alice = generateSecretKey();
    const events = Array.from({ length: 20 }, (_, i) => signed(alice, { created_at: NOW - i, content: `n${i}` }));
    for (const relay of relays) await relay.seed(...events);
    const inner = mainThreadVerifier();
    let calls = 0;
    const verifier: SignatureVerifier = { name: 'counting', verify: (e) => (calls++, inner.verify(e)), close() {} };
    pool = createPool({ relays: relays.map((r) => spec(r.url)), verifier });
    const result = await pool.query([{ authors: [getPublicKey(alice)] }]);
    expect(sorted(result.events)).toEqual(sorted(events));
    expect(calls).toBe(20);
    const counts = pool.status().map((s) => s.counts);
    expect(counts.reduce((n, c) => n + c.received, 0)).toBe(20);
    expect(counts.reduce((n, c) => n + c.duplicates, 0)).toBe(40);
    const again = await pool.query([{ authors: [getPublicKey(alice)], limit: 5 }]);
    expect(again.events).toHaveLength(5);
    expect(calls).toBe(20);
  });

  it("hands on each other relay's copy with its event, so a window counts every relay's share", async () => {
    const carol = generateSecretKey();
    const events = Array.from({ length: 10 }, (_, i) => signed(carol, { created_at: NOW - 200 - i, content: `c${i}` }));
    for (const relay of relays) await relay.seed(...events);
    pool = createPool({ relays: relays.map((r) => spec(r.url)) });
    const copies: Array<{ id: string; event?: Event }> = [];
    await new Promise<void>((resolve) =>
      pool!.subscribe([{ authors: [getPublicKey(carol)] }], {
        onevent() {},
        onseen: (id, _relay, event) => copies.push({ id, ...(event ? { event } : {}) }),
        onsettled: () => resolve(),
      }),
    );
    expect(copies).toHaveLength(20);
    expect(copies.every(({ id, event }) => event?.id === id)).toBe(true);
    // What src/client/window.ts makes of them: each relay sent all ten (its coverage, its summary).
    const window = fetchWindow({ pool, filters: [{ authors: [getPublicKey(carol)] }], relays: relays.map((r) => r.url), stream: false, onevent() {}, onseen() {}, boundary: () => undefined });
    expect((await window.settled).map((o) => o.events)).toEqual([10, 10, 10]);
  });

  it('after a dropped connection the stream resubscribes from the newest event the relay sent', async () => {
    const bob = generateSecretKey();
    const relay = relays[0]!;
    const first = signed(bob, { created_at: NOW - 50, content: 'first' });
    const newest = signed(bob, { created_at: NOW - 20, content: 'newest' });
    const whileAway = signed(bob, { created_at: NOW - 5, content: 'published while we were away' });
    await relay.seed(first, newest);
    const timers = new ManualTimers(NOW * 1000);
    pool = createPool({ relays: [spec(relay.url)], backoff: { baseMs: 1_000, maxMs: 60_000, random: () => 0.5 }, clock: timers, timers });
    const got: Event[] = [];
    const sub = pool.subscribe([{ authors: [getPublicKey(bob)], since: NOW - 100 }], { onevent: (e) => got.push(e) });
    await until(() => got.length === 2 && pool!.status()[0]!.state === 'eose', 'the first two events and EOSE');

    relay.dropAll();
    await until(() => pool!.status()[0]!.state === 'error', 'the drop noticed');
    await relay.seed(whileAway);
    timers.advance(750); // the first backoff delay with random 0.5
    await until(() => got.length === 3, 'the event published while away');
    expect(got.map((e) => e.content)).toEqual(['newest', 'first', 'published while we were away']);
    // Resubscribed with since = the newest event's time: the relay sent `newest` again (a
    // duplicate), but not `first`, which a REQ from the original since would have resent.
    // A live marker after it: one socket keeps order, so any resent `first` came before it.
    const marker = signed(bob, { created_at: NOW - 1, content: 'marker' });
    await relay.seed(marker);
    await until(() => got.length === 4, 'the live marker');
    expect(pool.status()[0]!.counts).toMatchObject({ received: 4, duplicates: 1 });
    sub.close();
  });
});
