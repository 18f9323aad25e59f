// Pending outbox entries reach a real relay, byte for byte, through the real pool.
import type { Event } from 'nostr-tools';
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushOutbox } from '../../src/client/outbox-flush.js';
import { createPool } from '../../src/net/pool.js';
import type { RelayPool } from '../../src/net/types.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { manualClock, openTempStore } from '../helpers/store.js';

const sk = generateSecretKey();
const note = (content: string, at = 1_700_000_000): Event => finalizeEvent({ kind: 1, created_at: at, tags: [], content }, sk);
/** A port nothing listens on: connecting fails at once. */
const DEAD = 'ws://127.0.0.1:1';

describe('outbox flush', () => {
  let relay: TestRelay;
  const pools: RelayPool[] = [];
  const pool = (urls: string[]) => {
    const p = createPool({ relays: urls.map((url) => ({ url, read: true, write: true })), publishTimeoutMs: 3000 });
    pools.push(p);
    return p;
  };
  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
    await relay?.stop();
  });

  it('an entry withdrawn while the flush runs (its note deleted before any relay had it) is not sent', async () => {
    const store = openTempStore();
    const notes = [note('first', 1_700_000_100), note('regret', 1_700_000_101)];
    for (const event of notes) store.outbox.add(event);
    // Once the first is sent, the other is deleted (src/client/notes.ts deleteEvent takes it out).
    const report = await flushOutbox(store.outbox, pool([relay.url]), {
      relays: [relay.url],
      onFlushed: ({ entry }) => notes.forEach((event) => event.id !== entry.event.id && store.outbox.withdraw(event.id)),
    });
    const sent = report.entries.map(({ entry }) => entry.event.id);
    expect(sent).toHaveLength(1);
    expect((await relay.find({ ids: notes.map((event) => event.id) })).map((event) => event.id)).toEqual(sent);
    store.close();
  });

  it('delivers pending events, oldest first, and marks them delivered', async () => {
    const store = openTempStore();
    const first = note('first', 1_700_000_000);
    const second = note('second', 1_700_000_001);
    store.outbox.add(first);
    store.outbox.add(second);
    store.outbox.record(first.id, [{ url: relay.url, ok: false, outcome: 'timeout', message: 'no OK' }]);

    const report = await flushOutbox(store.outbox, pool([relay.url]), { relays: [relay.url] });
    expect(report).toMatchObject({ attempted: 2, delivered: 2, pending: 0 });
    expect(store.outbox.pending()).toEqual([]);
    const found = await relay.find({ ids: [first.id, second.id] });
    // Same id and the same signature: the saved event itself, not a re-signed copy.
    expect(found.map((e) => JSON.stringify(e, Object.keys(first).sort())).sort()).toEqual(
      [first, second].map((e) => JSON.stringify(e, Object.keys(first).sort())).sort(),
    );
    store.close();
  });

  it('leaves entries saved after savedBefore alone (the command publishing them does that)', async () => {
    const clock = manualClock(1_000);
    const store = openTempStore({ clock });
    const older = note('older', 1_700_000_010);
    store.outbox.add(older);
    clock.advance(1);
    const current = note('being published right now', 1_700_000_011);
    store.outbox.add(current);
    const report = await flushOutbox(store.outbox, pool([relay.url]), { relays: [relay.url], savedBefore: 1_001 });
    expect(report.entries.map((e) => e.entry.event.id)).toEqual([older.id]);
    expect(store.outbox.pending().map((e) => e.event.id)).toEqual([current.id]);
    store.close();
  });

  it('keeps an event pending while every relay is unreachable, with the error per relay', async () => {
    const store = openTempStore();
    const event = note('nobody home');
    store.outbox.add(event);
    const report = await flushOutbox(store.outbox, pool([DEAD]), { relays: [DEAD] });
    expect(report).toMatchObject({ attempted: 1, delivered: 0, pending: 1 });
    const [entry] = store.outbox.pending();
    expect(entry?.results.map((r) => [r.url, r.ok, r.outcome])).toEqual([[DEAD, false, 'unreachable']]);
    store.close();
  });

  it('stopAtFirstFailure leaves the rest for later once an entry reached no relay', async () => {
    const clock = manualClock(1_000);
    const store = openTempStore({ clock });
    const first = note('first of three', 1_700_000_020);
    const rest = [note('second', 1_700_000_021), note('third', 1_700_000_022)];
    for (const event of [first, ...rest]) {
      store.outbox.add(event);
      clock.advance(1);
    }
    const report = await flushOutbox(store.outbox, pool([DEAD]), { relays: [DEAD], stopAtFirstFailure: true });
    expect(report).toMatchObject({ attempted: 1, delivered: 0, pending: 3 });
    expect(store.outbox.pending().map((e) => e.results.length)).toEqual([1, 0, 0]);
    store.close();
  });

  it('does not send again to a relay that refused the event for good', async () => {
    const store = openTempStore();
    const event = note('refused');
    store.outbox.add(event);
    store.outbox.record(event.id, [{ url: relay.url, ok: false, outcome: 'rejected', message: 'blocked: not welcome' }]);
    const report = await flushOutbox(store.outbox, pool([relay.url]), { relays: [relay.url] });
    expect(report).toMatchObject({ attempted: 0, delivered: 0, pending: 1 });
    expect(await relay.find({ ids: [event.id] })).toEqual([]);
    store.close();
  });
});
