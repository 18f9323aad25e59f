import type { Event } from 'nostr-tools';
import { afterEach, describe, expect, it } from 'vitest';
import { openTempStore } from '../helpers/store.js';

const me = 'a'.repeat(64);
const other = 'b'.repeat(64);
let counter = 0;
/** The store does not verify, so these need no real signature. */
function event(pubkey: string, kind: number, created_at: number, tags: string[][] = []): Event {
  return {
    id: (++counter).toString(16).padStart(64, '0'),
    pubkey,
    created_at,
    kind,
    tags,
    content: 'x'.repeat(800),
    sig: 'c'.repeat(128),
  };
}

describe('pruning to the size cap', () => {
  const opened: { close(): void }[] = [];
  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
  });

  it('removes the oldest events first and never the user’s own notes, profile or follow list', () => {
    const maxBytes = 2 * 1024 * 1024;
    const store = openTempStore({ ownPubkey: me, maxBytes });
    opened.push(store);
    // The user's own events are the oldest of all.
    const mine = [event(me, 0, 1), event(me, 3, 2, [['p', other]]), event(me, 1, 3), event(me, 1, 4)];
    store.events.putMany(mine);
    const theirs: Event[] = [];
    for (let batch = 0; batch < 40; batch++) {
      const events = Array.from({ length: 100 }, (_, i) => event(other, 1, 1000 + batch * 100 + i));
      theirs.push(...events);
      store.events.putMany(events);
    }
    const stats = store.events.stats();
    expect(stats.bytes).toBeLessThanOrEqual(maxBytes);
    expect(stats.events).toBeLessThan(mine.length + theirs.length);
    // Own events all kept.
    expect(mine.every((e) => store.events.has(e.id))).toBe(true);
    // What remains of the others is exactly the newest ones.
    const kept = store.events.query([{ authors: [other] }]).map((e) => e.id);
    const newest = [...theirs].reverse().slice(0, kept.length).map((e) => e.id);
    expect(kept).toEqual(newest);
    expect(kept.length).toBeGreaterThan(0);
    // Their tags went with them: nothing refers to a pruned event.
    expect(store.events.query([{ '#p': [other] }]).map((e) => e.id)).toEqual([mine[1]!.id]);
  });

  it('prunes nothing while under the cap', () => {
    const store = openTempStore({ ownPubkey: me, maxBytes: 50 * 1024 * 1024 });
    opened.push(store);
    const events = Array.from({ length: 500 }, (_, i) => event(other, 1, i));
    store.events.putMany(events);
    expect(store.events.stats().events).toBe(500);
  });

  it('cache clear forgets every event but keeps the outbox', () => {
    const store = openTempStore();
    opened.push(store);
    const unsent = event(me, 1, 5);
    store.outbox.add(unsent);
    store.events.putMany([event(other, 1, 1), event(other, 1, 2)]);
    expect(store.events.clear()).toBe(2);
    expect(store.events.stats().events).toBe(0);
    expect(store.outbox.pending().map((e) => e.event.id)).toEqual([unsent.id]);
  });
});
