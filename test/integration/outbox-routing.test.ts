// The outbox model against real relays on loopback: the user configures one
// relay; each followed author writes only to the relays their own list names
// (one of them dead). Routing by those lists reaches every author's notes, and
// what each relay delivered is learned for the next plan.
import type { Event } from 'nostr-tools';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchRelayLists } from '../../src/client/relay-lists.js';
import { learning, routeAuthors } from '../../src/client/routing.js';
import { DeliveryStats } from '../../src/core/delivery.js';
import { createPool } from '../../src/net/pool.js';
import type { RelayPool } from '../../src/net/types.js';
import { closedPort, startRelay, type TestRelay } from '../helpers/relay.js';
import { openTempStore } from '../helpers/store.js';
import { cachingPool } from '../helpers/caching-pool.js';

const NOW = Math.floor(Date.now() / 1000);
const alice = generateSecretKey();
const bob = generateSecretKey();
const carol = generateSecretKey();
const [ALICE, BOB, CAROL] = [alice, bob, carol].map((sk) => getPublicKey(sk)) as [string, string, string];
const note = (sk: Uint8Array, ago: number, content: string): Event =>
  finalizeEvent({ kind: 1, created_at: NOW - ago, tags: [], content }, sk);
const relayList = (sk: Uint8Array, tags: string[][]): Event => finalizeEvent({ kind: 10002, created_at: NOW - 1000, tags, content: '' }, sk);

describe('reading by the outbox model (NIP-65)', () => {
  let mine: TestRelay;
  let aliceOut: TestRelay;
  let bobOut: TestRelay;
  let discovery: TestRelay;
  let dead: string;
  let pool: RelayPool | undefined;
  const notes = {
    alice: note(alice, 30, 'alice writes only to her relay'),
    bob: note(bob, 20, 'bob writes only to his'),
    carol: note(carol, 10, 'carol has no list and posts where the user reads'),
  };

  beforeAll(async () => {
    [mine, aliceOut, bobOut, discovery] = await Promise.all([startRelay(), startRelay(), startRelay(), startRelay()]);
    dead = await closedPort();
    await aliceOut.seed(notes.alice);
    await bobOut.seed(notes.bob);
    await mine.seed(notes.carol);
    // Alice's list is on the user's relay; Bob's only on the indexer. Alice also lists a dead relay and a read-only one.
    await mine.seed(relayList(alice, [['r', dead, 'write'], ['r', aliceOut.url, 'write'], ['r', mine.url, 'read']]));
    await discovery.seed(relayList(bob, [['r', bobOut.url]]));
  });
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });
  afterAll(async () => {
    await Promise.all([mine, aliceOut, bobOut, discovery].map((relay) => relay?.stop()));
  });

  it('one configured relay still shows every followed author, each asked where they write', async () => {
    const store = openTempStore();
    const caching = cachingPool(store.events, { relays: [{ url: mine.url, read: true, write: true }], eoseTimeoutMs: 2_000 });
    pool = caching;
    const deps = {
      pool,
      store: store.events,
      userRelays: [mine.url],
      discoveryRelays: [discovery.url],
      rules: { allowPrivate: true },
    };
    const route = await routeAuthors(deps, [ALICE, BOB, CAROL]);
    expect(route.plan.fallback).toEqual([CAROL]);
    // Carol has no list: she is asked on the user's relay and on the relays the plan connects to anyway.
    expect(route.plan.routes.get(aliceOut.url)).toEqual([ALICE, CAROL]);
    expect(route.plan.routes.get(bobOut.url)).toEqual([BOB, CAROL]);
    expect(route.plan.routes.get(dead)).toEqual([ALICE, CAROL]);
    expect(route.plan.routes.get(mine.url)).toEqual([CAROL]);

    const delivery = new DeliveryStats();
    const got: Event[] = [];
    await new Promise<void>((resolve) =>
      pool!.request(route.request({ kinds: [1] }), learning(route, delivery, { onevent: (event) => got.push(event), onsettled: () => resolve() }), {
        stream: false,
      }),
    );
    expect(got.map((e) => e.id).sort()).toEqual([notes.alice.id, notes.bob.id, notes.carol.id].sort());
    // The dead relay is learned as such; the next plan prefers the relays that delivered.
    expect(delivery.relay(dead)).toBeLessThan(0.5);
    expect(delivery.pair(aliceOut.url, ALICE)).toBeGreaterThan(0.5);
    const next = await routeAuthors(deps, [ALICE, BOB, CAROL], { delivery, perAuthor: 1 });
    expect(next.plan.routes.get(aliceOut.url)).toEqual([ALICE]);
    // Carol's notes came from the user's relay: that is where she is asked now, and only there.
    expect(next.plan.fallback).toEqual([]);
    expect(next.plan.routes.get(mine.url)).toEqual([CAROL]);
    expect(next.plan.routes.has(dead)).toBe(false);
    // The lists were cached: without any relay, the cache still knows where Alice and Bob write.
    caching.flushCache();
    const offline = await fetchRelayLists({ ...deps, userRelays: [], discoveryRelays: [] }, [ALICE, BOB]);
    expect(offline.fresh).toBe(false);
    expect([...offline.lists.keys()].sort()).toEqual([ALICE, BOB].sort());
    store.close();
  });

  it('without permission, a list naming loopback relays is not followed (a hostile list cannot point the client at the LAN)', async () => {
    pool = createPool({ relays: [{ url: mine.url, read: true, write: true }], eoseTimeoutMs: 2_000 });
    const route = await routeAuthors({ pool, userRelays: [mine.url], discoveryRelays: [discovery.url] }, [ALICE, BOB]);
    expect([...route.plan.routes.keys()]).toEqual([mine.url]);
    expect(route.plan.fallback.sort()).toEqual([ALICE, BOB].sort());
  });
});
