// The real-relay halves of behaviours first proven against the fault relay
// (pool-faults.test.ts): an id is verified once however many relays send it, and a
// stream that lost its connection asks again as deep as its first answer reached.
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

  it('after a dropped connection the stream asks again as deep as its first answer reached: a note stored meanwhile but dated earlier arrives', async () => {
    const bob = generateSecretKey();
    const relay = relays[0]!;
    const note = (ago: number, content: string) => signed(bob, { created_at: NOW - ago, content });
    const [a, b, c] = [note(300, 'a'), note(200, 'b'), note(100, 'c')];
    await relay.seed(a, b, c);
    const timers = new ManualTimers(NOW * 1000);
    pool = createPool({ relays: [spec(relay.url)], backoff: { baseMs: 1_000, maxMs: 60_000, random: () => 0.5 }, clock: timers, timers });
    const got: Event[] = [];
    // The first answer: the newest two (c, b), so the window reaches back to b.
    const sub = pool.subscribe([{ authors: [getPublicKey(bob)], since: NOW - 86_400, limit: 2 }], { onevent: (e) => got.push(e) });
    await until(() => got.length === 2 && pool!.status()[0]!.state === 'eose', 'the first answer');
    const live = note(50, 'live');
    await relay.seed(live);
    await until(() => got.length === 3, 'a live note');

    relay.dropAll();
    await until(() => pool!.status()[0]!.state === 'error', 'the drop noticed');
    // Stored while we were away: one dated before the newest note we had (backdated, a clock
    // behind, a client that published late), one now, and one dated below the window's depth.
    const [backdated, fresh, deep] = [note(150, 'backdated, stored while away'), note(10, 'fresh, stored while away'), note(250, 'deep')];
    await relay.seed(backdated, fresh, deep);
    timers.advance(750); // the first backoff delay with random 0.5
    await until(() => got.length === 5, 'the two notes stored while away');
    // A live marker after them: one socket keeps order, so anything else resent came before it.
    const marker = note(1, 'marker');
    await relay.seed(marker);
    await until(() => got.length === 6, 'the live marker');
    // Nothing the first answer left out (a, deep: below b) came: those are found by paging down.
    expect(got.map((e) => e.content)).toEqual(['c', 'b', 'live', 'fresh, stored while away', 'backdated, stored while away', 'marker']);
    // c, b and live came again, duplicates dropped by id.
    expect(pool.status()[0]!.counts).toMatchObject({ received: 6, duplicates: 3 });
    sub.close();
  });
});
