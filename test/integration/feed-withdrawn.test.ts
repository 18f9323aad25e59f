// What an author withdraws leaves the feed: a NIP-09 deletion published after
// start removes the note it names (only when it is the note's own author), a
// note whose deletion arrived first is never shown, and a NIP-40 expiration
// removes a note when its time comes. Real relay, real pool, cache on disk.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Event } from 'nostr-tools';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFeed } from '../../src/client/feed.js';
import { homeFilters } from '../../src/core/feed-filters.js';
import { createPool } from '../../src/net/pool.js';
import { openStore } from '../../src/store/open.js';
import { signed, startFaultRelay, type FaultReq } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { until } from '../helpers/until.js';
import { cachingPool } from '../helpers/caching-pool.js';

const NOW = 1_700_000_000;
const spec = (url: string) => ({ url, read: true, write: true });
const deletion = (sk: Uint8Array, target: Event, created_at = NOW - 1) =>
  signed(sk, { kind: 5, created_at, content: 'withdrawn', tags: [['e', target.id]] });
const contents = (events: readonly { event: Event }[]) => events.map((e) => e.event.content);

describe('withdrawn notes leave the feed', () => {
  let relay: TestRelay;
  const bob = generateSecretKey();
  const mallory = generateSecretKey();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-feed-withdrawn-'));

  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(async () => {
    await relay.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a deletion by the author removes a shown note live; one by someone else does not', async () => {
    const kept = signed(bob, { created_at: NOW - 30, content: 'kept' });
    const doomed = signed(bob, { created_at: NOW - 20, content: 'doomed' });
    const deletedFirst = signed(bob, { created_at: NOW - 15, content: 'deleted before it arrived' });
    await relay.seed(kept, doomed);
    // The real relay deletes on a kind 5 but neither stores nor forwards it; relays such as
    // strfry do forward it. A scripted relay plays that part, next to the real one.
    let stream: FaultReq | undefined;
    const forwarding = await startFaultRelay({
      onReq(req) {
        stream = req;
        req.eose();
      },
    });
    const clock = { now: () => NOW * 1000 };
    const store = openStore(dataDir, { clock });
    const pool = cachingPool(store.events, { relays: [spec(relay.url), spec(forwarding.url)], clock });
    const received = () => pool.status().find((s) => s.url === forwarding.url)!.counts.received;
    // Mallory is followed too, so her deletion reaches the feed: it must still change nothing of Bob's.
    const follows = [getPublicKey(bob), getPublicKey(mallory)];
    const feed = openFeed({ pool, clock, store: store.events }, homeFilters(follows, NOW - 3_600, 100));
    await feed.settled;
    expect(contents(feed.timeline.entries())).toEqual(['doomed', 'kept']);

    stream!.event(deletion(mallory, doomed, NOW - 3));
    await until(() => received() === 1, "Mallory's deletion");
    expect(contents(feed.timeline.entries())).toEqual(['doomed', 'kept']);
    stream!.event(deletion(bob, doomed, NOW - 2));
    await until(() => !feed.timeline.has(doomed.id), "Bob's deletion applied");
    expect(contents(feed.timeline.entries())).toEqual(['kept']);

    // A note whose deletion came first is not shown when it arrives.
    stream!.event(deletion(bob, deletedFirst));
    await until(() => received() === 3, 'the early deletion');
    const marker = signed(bob, { created_at: NOW - 5, content: 'marker' });
    const writer = createPool({ relays: [spec(relay.url)] });
    expect((await writer.publish(deletedFirst))[0]!.outcome).toBe('accepted');
    expect((await writer.publish(marker))[0]!.outcome).toBe('accepted');
    await writer.close();
    await until(() => feed.timeline.has(marker.id), 'the marker after the deleted note');
    expect(contents(feed.timeline.entries())).toEqual(['marker', 'kept']);
    feed.close();
    await pool.close();
    await forwarding.stop();

    // The cache applied the deletions too: the next start does not paint those notes.
    const offline = createPool({ relays: [], clock });
    const again = openFeed({ pool: offline, clock, store: store.events }, homeFilters(follows, NOW - 3_600, 100));
    expect(contents(again.timeline.entries())).toEqual(['marker', 'kept']);
    again.close();
    await offline.close();
    store.close();
  });

  it('an expiring note leaves when its time comes (NIP-40)', async () => {
    // The relay applies NIP-40 against the real time, so this test lives in it.
    const now = Math.floor(Date.now() / 1000);
    const clock = { t: now * 1000, now: () => clock.t };
    const expiring = signed(bob, { created_at: now - 40, content: 'expiring', tags: [['expiration', String(now + 3_600)]] });
    const lasting = signed(bob, { created_at: now - 30, content: 'lasting' });
    await relay.seed(expiring, lasting);
    const pool = createPool({ relays: [spec(relay.url)], clock });
    const feed = openFeed({ pool, clock }, homeFilters([getPublicKey(bob)], now - 45, 100));
    await feed.settled;
    expect(contents(feed.timeline.entries())).toEqual(['lasting', 'expiring']);
    clock.t = (now + 3_599) * 1000;
    expect(feed.timeline.expireDue()).toBe(0);
    clock.t = (now + 3_600) * 1000;
    expect(feed.timeline.expireDue()).toBe(1);
    expect(contents(feed.timeline.entries())).toEqual(['lasting']);
    feed.close();
    await pool.close();
  });
});
