// What a search caches: only the relay answers that passed its checks. A relay
// that ignores NIP-50's `search` sends its newest notes; search() drops them,
// and they must not reach the cache either (the pool caches what it receives),
// or they would turn up in `search --local` and the Global feed.
import type { Event } from 'nostr-tools';
import { generateSecretKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { search, searchLocal } from '../../src/client/search.js';
import { signed, startFaultRelay } from '../helpers/fault-relay.js';
import { startSearchRelay } from '../helpers/search-relay.js';
import { cachingPool } from '../helpers/caching-pool.js';
import { manualClock, openTempStore } from '../helpers/store.js';

const NOW = 1_700_000_000;
const alice = generateSecretKey();
const spec = (url: string) => ({ url, read: true, write: true });

describe('search answers in the cache', () => {
  it('caches what passed the check for the words, not what a relay ignoring NIP-50 sent besides; other requests still cache', async () => {
    const onTopic = signed(alice, { kind: 1, created_at: NOW - 10, content: 'an okapi at the zoo' });
    const offTopic = signed(alice, { kind: 1, created_at: NOW - 5, content: 'newest note about nothing' });
    // Answers every REQ with all it holds, `search` or not.
    const relay = await startFaultRelay({
      onReq(req) {
        for (const event of [onTopic, offTopic]) req.event(event);
        req.eose();
      },
    });
    const clock = manualClock(NOW * 1000);
    const store = openTempStore({ clock });
    const pool = cachingPool(store.events, { relays: [spec(relay.url)], clock });
    try {
      const result = await search({ relays: [relay.url], pool, store: store.events }, { text: 'okapi', limit: 10 });
      expect(result.events.map((event) => event.id)).toEqual([onTopic.id]);
      expect(result.offTopic).toBe(1);
      pool.flushCache();
      expect(store.events.has(onTopic.id)).toBe(true);
      expect(store.events.has(offTopic.id)).toBe(false);
      // With the relay it came from, as every cached event (relay hints).
      expect(store.events.relaysOf([onTopic.id]).get(onTopic.id)).toEqual([relay.url]);
      expect(searchLocal(store.events, { text: 'nothing', limit: 10 })).toEqual([]);

      // A feed's request on the same pool caches what it receives, as before.
      const feed = await pool.fetch([{ relay: relay.url, filters: [{ kinds: [1], limit: 10 }] }]);
      expect(feed.events.map((event: Event) => event.id).sort()).toEqual([onTopic.id, offTopic.id].sort());
      pool.flushCache();
      expect(store.events.has(offTopic.id)).toBe(true);
    } finally {
      await pool.close();
      store.close();
      await relay.stop();
    }
  });

  it('lists a person once, their newest profile, when the cache holds an older one; a match on about is kept', async () => {
    const old = signed(alice, { kind: 0, created_at: NOW - 100, content: JSON.stringify({ name: 'okapi fan' }) });
    const newer = signed(alice, { kind: 0, created_at: NOW - 10, content: JSON.stringify({ name: 'okapi fan', about: 'moved' }) });
    // A NIP-50 relay matching the words in about (the local index holds about too).
    const byAbout = signed(generateSecretKey(), { kind: 0, created_at: NOW - 20, content: JSON.stringify({ name: 'carol', about: 'I study the okapi' }) });
    const relay = await startSearchRelay([newer, byAbout]);
    const clock = manualClock(NOW * 1000);
    const store = openTempStore({ clock });
    store.events.put(old);
    const pool = cachingPool(store.events, { relays: [spec(relay.url)], clock });
    try {
      const result = await search({ relays: [relay.url], pool, store: store.events }, { text: 'okapi', limit: 10, people: true });
      expect(result.events.map((event) => event.id)).toEqual([newer.id, byAbout.id]);
      expect(result).toMatchObject({ fromCache: 0, fromRelays: 2, offTopic: 0 });
    } finally {
      await pool.close();
      store.close();
      await relay.stop();
    }
  });
});
