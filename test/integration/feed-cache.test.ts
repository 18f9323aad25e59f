// Start-up with a cache: the timeline is painted from the store before any
// relay answers, and every relay is still asked for the whole window: the
// cache is never the truth about completeness (issue 10).
import type { Event, Filter } from 'nostr-tools';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFeed } from '../../src/client/feed.js';
import { createPool } from '../../src/net/pool.js';
import type { RelayPool, SubscribeHandlers } from '../../src/net/types.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { openTempStore } from '../helpers/store.js';
import { cachingPool } from '../helpers/caching-pool.js';

const sk = generateSecretKey();
const now = Math.floor(Date.now() / 1000);
const note = (ago: number): Event => finalizeEvent({ kind: 1, created_at: now - ago, tags: [], content: `${ago}s ago` }, sk);

/** The real pool, with every REQ it is asked to open written down. */
function recording(pool: RelayPool) {
  const requests: { filters: Filter[]; relays?: string[] }[] = [];
  const wrapped: RelayPool = {
    ...pool,
    query: pool.query.bind(pool),
    publish: pool.publish.bind(pool),
    status: pool.status.bind(pool),
    onStatus: pool.onStatus.bind(pool),
    close: pool.close.bind(pool),
    subscribe(filters: Filter[], handlers: SubscribeHandlers, opts) {
      requests.push({ filters, ...(opts?.relays ? { relays: opts.relays } : {}) });
      return pool.subscribe(filters, handlers, opts);
    },
  };
  return { pool: wrapped, requests };
}

describe('a feed with a cache', () => {
  let known: TestRelay;
  let fresh: TestRelay;
  const old = [note(300), note(200), note(100)];
  const newer = [note(50), note(10)];
  beforeAll(async () => {
    [known, fresh] = await Promise.all([startRelay(), startRelay()]);
    await known.seed(...old, ...newer);
    await fresh.seed(...old, ...newer);
  });
  afterAll(async () => {
    await Promise.all([known?.stop(), fresh?.stop()]);
  });

  it('paints the cache at once, then asks every relay for the whole window', async () => {
    const store = openTempStore();
    store.events.putMany(old, known.url);
    const real = cachingPool(store.events, { relays: [known, fresh].map((r) => ({ url: r.url, read: true, write: false })) });
    const { pool, requests } = recording(real);
    const filters: Filter[] = [{ kinds: [1], authors: [getPublicKey(sk)], since: now - 3600, limit: 50 }];

    const feed = openFeed({ pool, clock: { now: () => now * 1000 }, store: store.events }, filters, {
      relays: [known.url, fresh.url],
    });
    // Before any relay could answer: the cached events are there.
    const newestFirst = (events: Event[]) => [...events].sort((a, b) => b.created_at - a.created_at).map((e) => e.id);
    expect(feed.timeline.entries().map((e) => e.event.id)).toEqual(newestFirst(old));

    const outcomes = await feed.settled;
    expect(outcomes.map((o) => [o.url, o.eose, o.events])).toEqual([
      [known.url, true, 5],
      [fresh.url, true, 5],
    ]);
    expect(requests[0]).toEqual({ filters, relays: [known.url, fresh.url] });
    expect(feed.timeline.entries().map((e) => e.event.id)).toEqual(newestFirst([...old, ...newer]));
    feed.close();
    await real.close();
    // What arrived was cached, with the relay it came from.
    expect(newer.every((e) => store.events.has(e.id))).toBe(true);
    expect(store.events.newest(filters, known.url)).toBe(newer[1]!.created_at);
    store.close();
  });

  it('a cache filled by a narrower request hides nothing older the relays hold', async () => {
    const store = openTempStore();
    // A narrow request cached only the two newest; the relay holds older ones too.
    store.events.putMany(newer, known.url);
    const pool = createPool({ relays: [{ url: known.url, read: true, write: false }] });
    const filters: Filter[] = [{ kinds: [1], authors: [getPublicKey(sk)], since: now - 3600, limit: 50 }];
    const feed = openFeed({ pool, clock: { now: () => now * 1000 }, store: store.events }, filters, { relays: [known.url] });
    await feed.settled;
    expect(feed.timeline.entries().map((e) => e.event.content)).toEqual(['10s ago', '50s ago', '100s ago', '200s ago', '300s ago']);
    feed.close();
    await pool.close();
    store.close();
  });

  it('a cache answer cut at the limit, with notes in it not shown, is paged below until the limit is shown', async () => {
    const store = openTempStore();
    // The cache alone holds these (a relay that lost them, or one offline): its answer is all there is.
    const hidden = (ago: number) => finalizeEvent({ kind: 1, created_at: now - ago, tags: [], content: `hidden ${ago}` }, sk);
    store.events.putMany([hidden(5), hidden(6), ...old, hidden(150), ...newer], known.url);
    const pool = createPool({ relays: [] });
    const filters: Filter[] = [{ kinds: [1], authors: [getPublicKey(sk)], since: now - 3600, limit: 4 }];
    const feed = openFeed({ pool, clock: { now: () => now * 1000 }, store: store.events }, filters, {
      relays: [],
      hide: (event) => event.content.startsWith('hidden'),
    });
    // The first answer (limit 4) held two hidden notes; pages below bring the shown notes to 4 and
    // past it (a page ends strictly below the fourth's second, which may have more: coverage.ts).
    const shown = feed.timeline.entries().map((e) => e.event.content);
    expect(shown.slice(0, 4)).toEqual(['10s ago', '50s ago', '100s ago', '200s ago']);
    expect(shown).toEqual(['10s ago', '50s ago', '100s ago', '200s ago', '300s ago']);
    feed.close();
    await pool.close();
    store.close();
  });
});
