// A follow or unfollow while Home is open changes it in place: the new
// author's notes (cached and from the relay, then live) join the same
// timeline; the old author's leave, and their later notes are not shown.
import type { Event } from 'nostr-tools';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFeed } from '../../src/client/feed.js';
import { homeFilters } from '../../src/core/feed-filters.js';
import { createPool } from '../../src/net/pool.js';
import { signed } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { until } from '../helpers/until.js';

const NOW = 1_700_000_000;
const clock = { now: () => NOW * 1000 };
const spec = (url: string) => ({ url, read: true, write: true });
const contents = (entries: readonly { event: Event }[]) => entries.map((e) => e.event.content);

describe('Home after a follow or unfollow', () => {
  let relay: TestRelay;
  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(async () => relay.stop());

  it('extends to a new author and drops an unfollowed one, without reopening', async () => {
    const bob = generateSecretKey();
    const carol = generateSecretKey();
    await relay.seed(
      signed(bob, { created_at: NOW - 30, content: 'bob 1' }),
      signed(carol, { created_at: NOW - 20, content: 'carol 1' }),
    );
    const pool = createPool({ relays: [spec(relay.url)], clock });
    const feed = openFeed({ pool, clock }, homeFilters([getPublicKey(bob)], NOW - 3_600, 100));
    await feed.settled;
    expect(contents(feed.timeline.entries())).toEqual(['bob 1']);

    feed.extend(homeFilters([getPublicKey(carol)], NOW - 3_600, 100));
    await until(() => feed.timeline.size === 2, "carol's note");
    expect(contents(feed.timeline.entries())).toEqual(['carol 1', 'bob 1']);

    feed.exclude(getPublicKey(bob));
    expect(contents(feed.timeline.entries())).toEqual(['carol 1']);
    const writer = createPool({ relays: [spec(relay.url)] });
    await writer.publish(signed(bob, { created_at: NOW - 5, content: 'bob 2' }));
    const carolLive = signed(carol, { created_at: NOW - 4, content: 'carol 2' });
    await writer.publish(carolLive);
    await writer.close();
    // Both were streamed on the same connection, Bob's first: once Carol's is in, Bob's was refused.
    await until(() => feed.timeline.has(carolLive.id), "carol's live note");
    expect(contents(feed.timeline.entries())).toEqual(['carol 2', 'carol 1']);
    feed.close();
    await pool.close();
  });
});
