// One entry point for verified events (issue #19 item 2): whatever request
// receives an event (a feed, a thread, a profile lookup), the pool caches it
// once, with every relay that delivered it, and the cache gives those relays
// back, so a note painted from the cache still carries its relay hints.
import fs from 'node:fs';
import type { Event } from 'nostr-tools';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFeed } from '../../src/client/feed.js';
import { createPool } from '../../src/net/pool.js';
import { openStore } from '../../src/store/open.js';
import { realServices } from '../helpers/real-services.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { until } from '../helpers/until.js';

const NOW = Math.floor(Date.now() / 1000);
const alice = generateSecretKey();
const bob = generateSecretKey();
const sign = (key: Uint8Array, kind: number, content: string, tags: string[][] = [], ago = 60): Event =>
  finalizeEvent({ kind, created_at: NOW - ago, tags, content }, key);

describe('the pool caches every event it receives, with its relays', () => {
  let one: TestRelay;
  let two: TestRelay;
  const note = sign(alice, 1, 'on both relays', [], 120);
  const reply = sign(bob, 1, 'only on the second', [['e', note.id, '', 'root']]);
  const profile = sign(alice, 0, JSON.stringify({ name: 'alice' }));
  beforeAll(async () => {
    [one, two] = await Promise.all([startRelay(), startRelay()]);
    await one.seed(note, profile);
    await two.seed(note, reply);
  });
  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
  });

  it('a feed, a thread and a profile lookup: each event cached once, seen on the relays that sent it', async () => {
    const run = realServices({ pubkey: getPublicKey(generateSecretKey()), relays: [one.url, two.url], nowSec: NOW, prefix: 'nostr-tui-ingest-' });
    const { services } = run;
    const global = services.openFeed('global', []);
    await global.settled;
    // Neither the thread lookup nor the profile directory writes to the cache itself.
    expect((await services.fetchThread(note)).events.map((e) => e.id)).toContain(reply.id);
    services.profiles.request([getPublicKey(alice)]);
    await until(() => services.profiles.get(getPublicKey(alice)), "alice's profile");
    await until(() => services.relayHint!(reply.id), 'the reply cached with its relay');
    global.close();
    await services.close();

    const store = openStore(run.client.paths.dataDir, { clock: { now: () => NOW * 1000 } });
    try {
      expect(store.events.has(profile.id)).toBe(true);
      const seen = store.events.relaysOf([note.id, reply.id, profile.id]);
      expect([...seen.get(note.id)!].sort()).toEqual([one.url, two.url].sort());
      expect(seen.get(reply.id)).toEqual([two.url]);
      expect(seen.get(profile.id)).toEqual([one.url]);

      // The next start paints from the cache: each note with the relays it was seen on.
      const offline = createPool({ relays: [] });
      const feed = openFeed({ pool: offline, clock: { now: () => NOW * 1000 }, store: store.events }, [{ kinds: [1], limit: 10 }]);
      const entries = new Map(feed.timeline.entries().map((entry) => [entry.event.id, entry.seenOn]));
      expect([...entries.get(note.id)!].sort()).toEqual([one.url, two.url].sort());
      expect(entries.get(reply.id)).toEqual([two.url]);
      feed.close();
      await offline.close();
    } finally {
      store.close();
      fs.rmSync(run.home, { recursive: true, force: true });
    }
  });
});
