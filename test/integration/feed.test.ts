// openFeed against real relays: the start-up query merged into one timeline,
// live events after EOSE, batched change notifications, the cache painted
// first and filled with what the relays sent; and the status stream.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Event } from 'nostr-tools';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFeed } from '../../src/client/feed.js';
import { homeFilters } from '../../src/core/feed-filters.js';
import { createPool } from '../../src/net/pool.js';
import type { RelayStatus } from '../../src/net/types.js';
import { openStore } from '../../src/store/open.js';
import { signed } from '../helpers/fault-relay.js';
import { closedPort, startRelay, type TestRelay } from '../helpers/relay.js';
import { until } from '../helpers/until.js';
import { cachingPool } from '../helpers/caching-pool.js';

const NOW = 1_700_000_000;
const clock = { now: () => NOW * 1000 };
const spec = (url: string) => ({ url, read: true, write: true });



describe('openFeed', () => {
  let one: TestRelay;
  let two: TestRelay;
  const bob = generateSecretKey();
  const carol = generateSecretKey();
  const follows = [getPublicKey(bob), getPublicKey(carol)];
  const b1 = signed(bob, { created_at: NOW - 300, content: 'b1' });
  const c1 = signed(carol, { created_at: NOW - 200, content: 'c1' });
  const tie = signed(bob, { created_at: NOW - 200, content: 'same second as c1' });
  const future = signed(carol, { created_at: NOW + 86_400, content: 'from tomorrow' });
  const stranger = signed(generateSecretKey(), { created_at: NOW - 100, content: 'not followed' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-feed-'));

  beforeAll(async () => {
    [one, two] = await Promise.all([startRelay(), startRelay()]);
    await one.seed(b1, c1, stranger);
    await two.seed(c1, tie, future);
  });
  afterAll(async () => {
    await Promise.all([one.stop(), two.stop()]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('merges the start-up query, streams new events, batches changes and caches everything', async () => {
    const store = openStore(dataDir, { clock });
    const pool = cachingPool(store.events, { relays: [spec(one.url), spec(two.url)], clock });
    const statuses: RelayStatus[][] = [];
    pool.onStatus((s) => statuses.push(s));
    const feed = openFeed({ pool, clock, store: store.events }, homeFilters(follows, NOW - 3_600, 100));
    let changes = 0;
    feed.onChange(() => changes++);

    const outcomes = await feed.settled;
    expect(outcomes).toEqual([
      { url: one.url, eose: true, timedOut: false, events: 2 },
      { url: two.url, eose: true, timedOut: false, events: 3 },
    ]);
    const [first, second] = [c1, tie].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(feed.timeline.entries().map((e) => e.event.content)).toEqual([first!.content, second!.content, 'b1']);
    const c1Entry = feed.timeline.entries().find((e) => e.event.id === c1.id)!;
    expect([...c1Entry.seenOn].sort()).toEqual([one.url, two.url].sort());
    expect(feed.timeline.has(future.id)).toBe(true); // held back, not shown
    await until(() => changes > 0, 'a change notification');
    expect(changes).toBeLessThanOrEqual(2);
    // The status stream is sampled (at most every 50 ms): wait for the EOSE state to be heard.
    await until(
      () => statuses.some((s) => s.some((r) => r.state === 'eose' && r.rttMs !== undefined)),
      'an EOSE status with a round-trip time',
    );

    // After EOSE the subscription stays open: a new note arrives live.
    const live: Event = signed(bob, { created_at: NOW - 10, content: 'live' });
    const before = changes;
    const writer = createPool({ relays: [spec(one.url)] });
    expect((await writer.publish(live))[0]!.outcome).toBe('accepted');
    await writer.close();
    await until(() => feed.timeline.has(live.id), 'the live event');
    expect(feed.timeline.entries()[0]!.event).toEqual(live);
    await until(() => changes > before, 'a change for the live event');

    feed.close();
    await pool.close();
    await until(() => statuses.some((s) => s.every((r) => r.state === 'closed')), 'closed status');
    const cached = store.events.query([{ authors: follows }]).map((e) => e.id).sort();
    expect(cached).toEqual([b1.id, c1.id, tie.id, future.id, live.id].sort());
    store.close();
  });

  it('paints from the cache at once, even when no relay answers', async () => {
    const store = openStore(dataDir, { clock });
    const pool = createPool({ relays: [spec(await closedPort())], clock });
    const feed = openFeed({ pool, clock, store: store.events }, homeFilters(follows, NOW - 3_600, 100));
    expect(feed.timeline.entries().map((e) => e.event.content)).toContain('live');
    expect(feed.timeline.size).toBe(4);
    const outcomes = await feed.settled;
    expect(outcomes[0]!.eose).toBe(false);
    feed.close();
    await pool.close();
    store.close();
  });
});
