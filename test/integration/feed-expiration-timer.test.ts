// NIP-40 through the feed's own timer: a shown note leaves the open feed within 30 s of
// its expiration time, and listeners hear of it, without anyone calling expireDue().
// The feed's interval is the only faked timer (vi fake timers for setInterval); the relay,
// the pool and the feed's change batching run in real time against the real relay.
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openFeed } from '../../src/client/feed.js';
import { homeFilters } from '../../src/core/feed-filters.js';
import { createPool } from '../../src/net/pool.js';
import { signed } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { until } from '../helpers/until.js';

describe('an expiring note leaves the open feed by the feed’s own timer', () => {
  let relay: TestRelay;
  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(async () => relay.stop());
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gone within 30 s after its expiration time, and not a second before it', async () => {
    const bob = generateSecretKey();
    // The relay applies NIP-40 against the real time: the note expires in the future.
    const now = Math.floor(Date.now() / 1000);
    // 1 s after a 30 s tick of the timer started with the feed: the longest wait a 30 s period allows.
    const expiresAt = now + 61;
    const expiring = signed(bob, { created_at: now - 40, content: 'expiring', tags: [['expiration', String(expiresAt)]] });
    const lasting = signed(bob, { created_at: now - 30, content: 'lasting' });
    await relay.seed(expiring, lasting);

    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const clock = { t: now * 1000, now: () => clock.t };
    const pool = createPool({ relays: [{ url: relay.url, read: true, write: true }], clock });
    const feed = openFeed({ pool, clock }, homeFilters([getPublicKey(bob)], now - 45, 100));
    let changes = 0;
    feed.onChange(() => changes++);
    try {
      await feed.settled;
      const shown = () => feed.timeline.entries().map((e) => e.event.content);
      expect(shown()).toEqual(['lasting', 'expiring']);

      // Time passes a second at a time, on the clock and on the feed's timers alike.
      let goneAt: number | undefined;
      for (let second = 1; second <= 200 && goneAt === undefined; second++) {
        clock.t += 1_000;
        const before = changes;
        vi.advanceTimersByTime(1_000);
        if (!shown().includes('expiring')) {
          goneAt = now + second;
          // Listeners hear of it (the change is batched to the next frame, in real time).
          await until(() => changes > before, 'the change notification');
        }
      }
      expect(goneAt).toBeDefined();
      expect(goneAt!).toBeGreaterThanOrEqual(expiresAt);
      expect(goneAt! - expiresAt).toBeLessThanOrEqual(30);
      expect(shown()).toEqual(['lasting']);
    } finally {
      feed.close();
      await pool.close();
    }
  });
});
