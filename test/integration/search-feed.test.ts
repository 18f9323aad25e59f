// The UI's search (src/client/search-feed.ts through the wired services): the
// cache's hits at once, a scripted NIP-50 relay's verified answers merged when
// they come, forged ones dropped, and the counts the header shows.
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { withForgedContent } from '../helpers/fault-relay.js';
import { describeSources } from '../../src/client/search-feed.js';
import { realServices } from '../helpers/real-services.js';
import { startSearchRelay } from '../helpers/search-relay.js';
import { until } from '../helpers/until.js';

const now = 1_700_000_000;
const [me, alice, bob] = [generateSecretKey(), generateSecretKey(), generateSecretKey()];
const note = (sk: Uint8Array, ago: number, content: string) => finalizeEvent({ kind: 1, created_at: now - ago, tags: [], content }, sk);

describe('search in the UI services', () => {
  it('shows cached hits at once, then merges the search relay’s verified answers', async () => {
    const cached = note(alice, 500, 'a penguin in the cache');
    const remote = note(bob, 50, 'a penguin from the search relay');
    const forged = withForgedContent(note(bob, 40, 'honest words'), 'a penguin forged in transit');
    const relay = await startSearchRelay([remote, forged]);
    const real = realServices({ pubkey: getPublicKey(me), relays: [relay.url], nowSec: now });
    try {
      real.client.store().events.put(cached);
      const feed = real.services.search!('penguin');
      // Painted from the cache before any relay answered.
      expect(feed.timeline.view().length).toBe(1);
      expect(feed.sources()).toMatchObject({ cache: 1, relays: 0, asked: 1, searching: true });
      await feed.settled;
      const view = feed.timeline.view();
      expect(Array.from({ length: view.length }, (_, i) => view.at(i)!.event.id)).toEqual([remote.id, cached.id]);
      expect(feed.sources()).toMatchObject({ cache: 1, relays: 1, searching: false, failed: 0 });
      expect(relay.searches).toEqual(['penguin']);
      feed.close();
    } finally {
      await real.close();
      await relay.stop();
    }
  });

  it('says how many search relays answered when one could not be reached', async () => {
    const live = await startSearchRelay([note(bob, 50, 'a penguin from the search relay')]);
    const gone = await startSearchRelay([]);
    await gone.stop();
    const real = realServices({ pubkey: getPublicKey(me), relays: [live.url, gone.url], nowSec: now });
    try {
      const feed = real.services.search!('penguin');
      await feed.settled;
      expect(feed.sources()).toMatchObject({ cache: 0, relays: 1, asked: 2, failed: 1 });
      // Short, so an 80-column header keeps it whole.
      expect(describeSources(feed.sources())).toBe('cache 0 · relays 1 (1 of 2 answered)');
      feed.close();
    } finally {
      await real.close();
      await live.stop();
    }
  });

  it('leaves muted results out of the list and its counts, and says how many were muted', async () => {
    const cached = note(alice, 500, 'an okapi in the cache');
    const remote = note(bob, 50, 'an okapi from the search relay');
    const muteList = finalizeEvent({ kind: 10000, created_at: now - 1000, tags: [['word', 'okapi']], content: '' }, me);
    const relay = await startSearchRelay([remote], { plain: [muteList] });
    const real = realServices({ pubkey: getPublicKey(me), relays: [relay.url], nowSec: now });
    try {
      real.client.store().events.put(cached);
      await until(() => real.services.mutes!.current().words.length > 0 || undefined, 'the mute list from the relay');
      const feed = real.services.search!('okapi');
      await feed.settled;
      expect(feed.timeline.view().length).toBe(0);
      expect(feed.sources()).toMatchObject({ cache: 0, relays: 0, muted: 2, searching: false });
      expect(describeSources(feed.sources())).toBe('cache 0 · relays 0 · 2 muted');
      feed.close();
    } finally {
      await real.close();
      await relay.stop();
    }
  });
});
