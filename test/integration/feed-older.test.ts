// Older notes on demand through the feed service: each loadOlder() asks the
// cache and every relay for the next window below the oldest note shown
// (paged where a relay caps its answers), until the true end.
import type { Event } from 'nostr-tools';
import { generateSecretKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFeed } from '../../src/client/feed.js';
import { globalFilters } from '../../src/core/feed-filters.js';
import { createPool } from '../../src/net/pool.js';
import { nip01Order, startCappedRelay } from '../helpers/capped-relay.js';
import type { FaultRelay } from '../helpers/fault-relay.js';
import { signed } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { openTempStore } from '../helpers/store.js';

const NOW = 1_700_000_000;
const sk = [generateSecretKey(), generateSecretKey()];
// Ten days of notes, one every four hours.
const notes: Event[] = Array.from({ length: 60 }, (_, i) => signed(sk[i % 2]!, { created_at: NOW - 100 - i * 14_400, content: `n${i}` }));
const onReal = notes.filter((_, i) => i % 4 !== 0);
const onCapped = notes.filter((_, i) => i % 4 !== 1);

describe('loadOlder', () => {
  let real: TestRelay;
  let capped: FaultRelay;
  beforeAll(async () => {
    real = await startRelay();
    await real.seed(...onReal);
    capped = await startCappedRelay(onCapped, 7);
  });
  afterAll(async () => {
    await Promise.all([real?.stop(), capped?.stop()]);
  });

  it('walks back window by window to the true end, over a capped relay and a cache', async () => {
    const clock = { now: () => NOW * 1000 };
    const store = openTempStore();
    // The cache already holds a few old notes (from an earlier run).
    store.events.putMany(notes.slice(40, 45), real.url);
    const pool = createPool({ relays: [real.url, capped.url].map((url) => ({ url, read: true, write: false })), clock });
    const feed = openFeed({ pool, clock, store: store.events }, globalFilters(NOW - 2 * 86_400, 10), { relays: [real.url, capped.url], batchMs: 1 });
    await feed.settled;
    const shown = () => feed.timeline.entries().map((e) => e.event.id);
    // The two-day window (12 notes) holds more than the limit: the newest 10, plus the cached ones.
    expect(shown().slice(0, 10)).toEqual(notes.slice(0, 10).map((e) => e.id));
    let loads = 0;
    for (;;) {
      const { found, end } = await feed.loadOlder();
      loads++;
      if (end) break;
      expect(found).toBeGreaterThan(0);
      expect(loads).toBeLessThan(20);
    }
    expect(shown()).toEqual([...notes].sort(nip01Order).map((e) => e.id));
    expect(loads).toBeGreaterThanOrEqual(5);
    // The end stays the end.
    expect(await feed.loadOlder()).toEqual({ found: 0, end: true });
    feed.close();
    await pool.close();
    store.close();
  });

  it('also walks back on the relays the outbox model routed an author to, not only the user relays', async () => {
    const clock = { now: () => NOW * 1000 };
    const [mine, theirs] = await Promise.all([startRelay(), startRelay()]);
    const alice = generateSecretKey();
    const recent = signed(alice, { created_at: NOW - 600, content: 'recent, on her relay only' });
    const old = signed(alice, { created_at: NOW - 3 * 86_400, content: 'old, on her relay only' });
    await theirs.seed(recent, old);
    const pool = createPool({ relays: [{ url: mine.url, read: true, write: false }], clock });
    try {
      const feed = openFeed({ pool, clock }, globalFilters(NOW - 86_400, 10), { relays: [mine.url], batchMs: 1 });
      await feed.settled;
      const filters = [{ kinds: [1], authors: [recent.pubkey], since: NOW - 86_400, limit: 10 }];
      await feed.route([{ relay: theirs.url, filters, role: 'outbox' }]);
      expect(feed.timeline.entries().map((e) => e.event.content)).toEqual(['recent, on her relay only']);
      const { found } = await feed.loadOlder();
      expect(found).toBe(1);
      expect(feed.timeline.entries().map((e) => e.event.content)).toEqual(['recent, on her relay only', 'old, on her relay only']);
      feed.close();
    } finally {
      await pool.close();
      await Promise.all([mine.stop(), theirs.stop()]);
    }
  });
});
