// Why a routed relay is connected reaches the pool's status (the relays panel's
// "outbox (not in your list)"): a feed asking an author's write relay (NIP-65)
// opens it as 'outbox', also when it pages that relay and asks it for older
// notes. Two real relays on loopback.
import { generateSecretKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { openFeed } from '../../src/client/feed.js';
import { globalFilters } from '../../src/core/feed-filters.js';
import { createPool } from '../../src/net/pool.js';
import { signed } from '../helpers/fault-relay.js';
import { startRelay } from '../helpers/relay.js';

const NOW = 1_700_000_000;

describe('a routed feed', () => {
  it("opens an author's write relay as an outbox, and paging or older notes do not make it one of the user's", async () => {
    const clock = { now: () => NOW * 1000 };
    const [mine, theirs] = await Promise.all([startRelay(), startRelay()]);
    const alice = generateSecretKey();
    // More than the limit of 2 within the window: the relay is paged `until` its oldest (src/client/window.ts).
    const notes = [1, 2, 3, 4].map((i) => signed(alice, { created_at: NOW - i * 600, content: `note ${i}` }));
    await theirs.seed(...notes, signed(alice, { created_at: NOW - 3 * 86_400, content: 'old' }));
    const pool = createPool({ relays: [{ url: mine.url, read: true, write: true }], clock });
    try {
      const feed = openFeed({ pool, clock }, globalFilters(NOW - 86_400, 10), { relays: [mine.url], batchMs: 1 });
      await feed.settled;
      const roles = () => Object.fromEntries(pool.status().map((s) => [s.url, s.roles]));
      await feed.route([{ relay: theirs.url, filters: [{ kinds: [1], authors: [notes[0]!.pubkey], since: NOW - 86_400, limit: 2 }], role: 'outbox' }]);
      // Her relay was paged: it answered 2 at first.
      expect(feed.timeline.size).toBeGreaterThan(2);
      expect(roles()).toEqual({ [mine.url]: ['user'], [theirs.url]: ['outbox'] });
      expect((await feed.loadOlder()).found).toBeGreaterThan(0);
      expect(roles()).toEqual({ [mine.url]: ['user'], [theirs.url]: ['outbox'] });
      feed.close();
    } finally {
      await pool.close();
      await Promise.all([mine.stop(), theirs.stop()]);
    }
  });
});
