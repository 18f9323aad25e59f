// The counts under a note leave out what its author withdrew, as the thread does (src/client/thread.ts):
// a reply or like deleted by a request on another relay than the one that still sends it, a reply
// whose deletion request only the cache holds (NIP-09), a reply expired (NIP-40) and one that expires
// while shown. `↩ 2` opened a thread with one reply in it. A "deletion" by someone else changes
// nothing. Real relays, the real pool caching what it receives, the cache on disk; a scripted relay
// only to send expired replies (the real one refuses them) and to see how often deletions are asked for.
import type { Event, Filter } from 'nostr-tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounts } from '../../src/client/counts.js';
import { signed, startFaultRelay, type FaultRelay } from '../helpers/fault-relay.js';
import { notificationScene, person } from '../helpers/notification-events.js';
import { cachingPool } from '../helpers/caching-pool.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { manualClock, openTempStore } from '../helpers/store.js';
import { until } from '../helpers/until.js';

const NOW = 1_700_000_000;
const scene = notificationScene(NOW);
const { me, alice, bob, carol, note } = scene;
const mallory = person();
const reply = (who: typeof alice, content: string, at: number, more: string[][] = []) =>
  who.sign(1, [['e', note.id, '', 'root', me.pk], ['p', me.pk], ...more], content, at);
const deletion = (who: typeof alice, ...targets: Event[]) => who.sign(5, targets.map((t) => ['e', t.id]), '', NOW - 50);

const aliceReply = reply(alice, 'second thoughts', NOW - 500);
const bobReply = reply(bob, 'kept', NOW - 400);
const carolReply = reply(carol, 'deleted, the cache knows', NOW - 300);
const aliceLike = alice.sign(7, [['e', note.id], ['p', me.pk]], '+', NOW - 450);
const bobLike = bob.sign(7, [['e', note.id], ['p', me.pk]], '+', NOW - 440);
const repost = carol.sign(6, [['e', note.id, ''], ['p', me.pk]], JSON.stringify(note), NOW - 430);

describe('counts leave out what its author withdrew', () => {
  let r1: TestRelay;
  let r2: TestRelay;
  let scripted: FaultRelay;
  const deletionReqs: Filter[][] = [];

  beforeAll(async () => {
    [r1, r2] = await Promise.all([startRelay(), startRelay()]);
    await r1.seed(note, aliceReply, bobReply, carolReply, aliceLike, bobLike, repost);
    // Alice took back her reply and her like: the requests are on r2; r1 still holds both.
    await r2.keepDeletion(deletion(alice, aliceReply, aliceLike));
    // Mallory's request names Bob's reply: someone else's, so it counts for nothing (NIP-09).
    await r2.keepDeletion(deletion(mallory, bobReply));
    const expired = reply(carol, 'expired', NOW - 200, [['expiration', String(NOW - 100)]]);
    const expiring = reply(alice, 'for a minute', NOW - 100, [['expiration', String(NOW + 60)]]);
    scripted = await startFaultRelay({
      onReq(req) {
        if (req.filters.some((f) => f.kinds?.includes(5))) deletionReqs.push(req.filters);
        else if (req.filters.some((f) => f['#e']?.includes(note.id))) for (const event of [expired, expiring]) req.event(event);
        req.eose();
      },
    });
  });
  afterAll(async () => {
    await Promise.all([r1.stop(), r2.stop(), scripted.stop()]);
  });

  it('from the cache and the relays, asking for deletion requests in batches', async () => {
    const clock = manualClock(NOW * 1000);
    const store = openTempStore({ clock });
    // Carol's request is known to the cache alone (seen on a relay not in use now).
    store.events.put(signed(carol.sk, { kind: 5, created_at: NOW - 60, tags: [['e', carolReply.id]] }));
    const relays = [r1.url, r2.url, scripted.url].map((url) => ({ url, read: true, write: true }));
    const pool = cachingPool(store.events, { relays, clock });
    const counts = createCounts({
      me: () => me.pk,
      cached: (filters) => store.events.query(filters),
      subscribe: (filters, onevent) => pool.subscribe(filters, { onevent: (event) => onevent(event) }),
      query: async (filters) => (await pool.query(filters)).events,
      clock,
      batchMs: 5,
      deletionBatchMs: 200,
    });
    try {
      counts.request([note.id]);
      // Bob's reply and the one not yet expired; Bob's like; Carol's repost.
      const expected = { replies: 2, reposts: 1, reactions: 1, zapSats: 0, liked: false, reposted: false };
      await until(() => JSON.stringify(counts.get(note.id)) === JSON.stringify(expected) || undefined, 'the withdrawn ones left out', 10_000);
      // Seven events counted, from three relays: their deletion requests were asked for together, not one by one.
      expect(deletionReqs.length).toBeGreaterThan(0);
      expect(deletionReqs.length).toBeLessThanOrEqual(2);
      const named = deletionReqs.flat().flatMap((f) => f['#e'] ?? []);
      expect(named).toEqual(expect.arrayContaining([aliceReply.id, bobReply.id, carolReply.id, aliceLike.id, bobLike.id, repost.id]));
      // A minute on, the last one has expired too.
      clock.advance(61_000);
      expect(counts.get(note.id)).toEqual({ ...expected, replies: 1 });
    } finally {
      counts.close();
      await pool.close();
      store.close();
    }
  });
});
