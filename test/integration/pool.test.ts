// The pool against real relays (@nostr-relay/core on loopback): query merges,
// dedupes and counts; publish reports one result per relay and never throws.
import type { Event } from 'nostr-tools';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { homeFilters } from '../../src/core/feed-filters.js';
import { createPool } from '../../src/net/pool.js';
import type { RelayPool } from '../../src/net/types.js';
import { closedPort, startRelay, type TestRelay } from '../helpers/relay.js';

const NOW = 1_700_000_000;
const alice = generateSecretKey();
const bob = generateSecretKey();
/** A signed event as plain data (finalizeEvent also marks it with a symbol). */
function sign(template: Omit<Event, 'id' | 'pubkey' | 'sig'>, sk: Uint8Array): Event {
  const { id, pubkey, created_at, kind, tags, content, sig } = finalizeEvent(template, sk);
  return { id, pubkey, created_at, kind, tags, content, sig };
}
const note = (sk: Uint8Array, created_at: number, content: string, kind = 1): Event =>
  sign({ kind, created_at, tags: [], content }, sk);

const spec = (url: string) => ({ url, read: true, write: true });
const ids = (events: Event[]) => events.map((e) => e.id).sort();


describe('pool against real relays', () => {
  let one: TestRelay;
  let two: TestRelay;
  let pool: RelayPool | undefined;
  beforeAll(async () => {
    [one, two] = await Promise.all([startRelay(), startRelay()]);
  });
  afterAll(async () => {
    await Promise.all([one.stop(), two.stop()]);
  });
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('query merges both relays, dedupes by id and counts per relay', async () => {
    const a1 = note(alice, NOW - 30, 'a1');
    const a2 = note(alice, NOW - 20, 'a2');
    const a3 = note(alice, NOW - 10, 'a3');
    const b1 = note(bob, NOW - 5, 'b1');
    await one.seed(a1, a2, b1);
    await two.seed(a2, a3, b1);
    pool = createPool({ relays: [spec(one.url), spec(two.url)], eoseTimeoutMs: 5_000 });

    const result = await pool.query([{ authors: [getPublicKey(alice)], kinds: [1] }]);

    expect(result.events.map((e) => e.id).sort()).toEqual([a1.id, a2.id, a3.id].sort());
    expect(result.relays).toEqual([
      { url: one.url, eose: true, timedOut: false, events: 2 },
      { url: two.url, eose: true, timedOut: false, events: 2 },
    ]);
    const counts = pool.status().map((s) => s.counts);
    // a2 arrives from both; whichever relay came second counts it as a duplicate.
    expect(counts.map((c) => c.received + c.duplicates)).toEqual([2, 2]);
    expect(counts.reduce((n, c) => n + c.received, 0)).toBe(3);
    expect(counts.reduce((n, c) => n + c.duplicates, 0)).toBe(1);
    expect(counts.every((c) => c.invalid + c.offFilter + c.malformed + c.oversize === 0)).toBe(true);
  });

  it('2,000 follows: eight filters in one REQ, and the relay answers them', async () => {
    const carol = generateSecretKey();
    const dave = generateSecretKey();
    const c = note(carol, NOW - 7, 'carol');
    const d = note(dave, NOW - 8, 'dave');
    await one.seed(c, d);
    const strangers = Array.from({ length: 1_998 }, (_, i) => i.toString(16).padStart(64, 'f'));
    const authors = [getPublicKey(carol), ...strangers, getPublicKey(dave)];
    pool = createPool({ relays: [spec(one.url)] });
    const filters = homeFilters(authors, NOW - 3_600, 100);
    expect(filters).toHaveLength(8);
    const result = await pool.query(filters);
    expect(result.relays[0]).toMatchObject({ eose: true, timedOut: false });
    expect(ids(result.events)).toEqual(ids([c, d]));
  });

  it('query returns the events untouched', async () => {
    const tagged = sign({ kind: 1, created_at: NOW - 1, tags: [['t', 'nostr'], ['p', getPublicKey(bob)]], content: 'tags' }, alice);
    await one.seed(tagged);
    pool = createPool({ relays: [spec(one.url)] });
    const result = await pool.query([{ ids: [tagged.id] }]);
    expect(result.events).toEqual([tagged]);
  });

  it('a refused connection is an outcome, not an error, and costs no timeout', async () => {
    const dead = await closedPort();
    pool = createPool({ relays: [spec(one.url), spec(dead)], eoseTimeoutMs: 20_000 });
    const result = await pool.query([{ kinds: [1], limit: 1 }]);
    expect(result.relays[0]).toMatchObject({ url: one.url, eose: true, timedOut: false });
    expect(result.relays[1]).toMatchObject({ url: dead, eose: false, timedOut: false, events: 0, unreached: true });
    expect(result.relays[1]!.error).toBeTruthy();
    expect(result.relays[0]!.unreached).toBeUndefined();
    expect(pool.status()[1]!.state).toBe('error');
  });

  it('publish: accepted by each live relay, unreachable for a dead one, never throws', async () => {
    const dead = await closedPort();
    const event = note(alice, NOW, 'published');
    pool = createPool({ relays: [spec(one.url), spec(two.url), spec(dead)], publishTimeoutMs: 5_000 });

    const results = await pool.publish(event);

    expect(results.map((r) => [r.url, r.outcome, r.ok])).toEqual([
      [one.url, 'accepted', true],
      [two.url, 'accepted', true],
      [dead, 'unreachable', false],
    ]);
    expect(await one.find({ ids: [event.id] })).toEqual([event]);
    expect(await two.find({ ids: [event.id] })).toEqual([event]);
  });

  it('publish: a relay that refuses the event is "rejected" with its reason', async () => {
    const event = note(alice, NOW, 'tampered');
    const forged = { ...event, content: 'changed after signing' };
    pool = createPool({ relays: [spec(one.url)] });
    const [result] = await pool.publish(forged);
    expect(result).toMatchObject({ url: one.url, ok: false, outcome: 'rejected' });
    expect(result!.message.length).toBeGreaterThan(0);
  });

  it('publish only to write relays; query only from read relays', async () => {
    const event = note(bob, NOW, 'write-only target');
    pool = createPool({
      relays: [
        { url: one.url, read: false, write: true },
        { url: two.url, read: true, write: false },
      ],
    });
    const results = await pool.publish(event);
    expect(results.map((r) => r.url)).toEqual([one.url]);
    const result = await pool.query([{ ids: [event.id] }]);
    expect(result.relays.map((r) => r.url)).toEqual([two.url]);
    expect(result.events).toEqual([]);
  });

  it('a published event comes back through a query on the same pool', async () => {
    const event = note(alice, NOW + 1, 'round trip');
    pool = createPool({ relays: [spec(one.url), spec(two.url)] });
    await pool.publish(event);
    const result = await pool.query([{ ids: [event.id] }]);
    expect(result.events).toEqual([event]);
    expect(result.relays.map((r) => r.events)).toEqual([1, 1]);
  });
});
