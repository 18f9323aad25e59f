import type { Event } from 'nostr-tools';
import { afterEach, describe, expect, it } from 'vitest';
import { WriteBuffer } from '../../src/store/write-buffer.js';
import { openTempStore } from '../helpers/store.js';

let counter = 0;
const event = (): Event => ({
  id: (++counter).toString(16).padStart(64, '0'),
  pubkey: 'b'.repeat(64),
  created_at: 1_700_000_000 + counter,
  kind: 1,
  tags: [],
  content: '',
  sig: 'c'.repeat(128),
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('write buffer', () => {
  const opened: { close(): void }[] = [];
  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
  });

  it('writes a full batch at once, in one go per relay', () => {
    const store = openTempStore();
    opened.push(store);
    const buffer = new WriteBuffer(store.events, { maxBatch: 3, flushMs: 60_000 });
    const [a, b, c] = [event(), event(), event()];
    buffer.add(a!, 'wss://one');
    buffer.add(b!, 'wss://two');
    expect(store.events.has(a!.id)).toBe(false);
    buffer.add(c!, 'wss://one');
    expect([a, b, c].map((e) => store.events.has(e!.id))).toEqual([true, true, true]);
    expect(store.events.newest([{}], 'wss://two')).toBe(b!.created_at);
    expect(store.events.newest([{}], 'wss://one')).toBe(c!.created_at);
    buffer.close();
  });

  it('writes repeats as it goes, after their events, not only on close', async () => {
    const store = openTempStore();
    opened.push(store);
    const buffer = new WriteBuffer(store.events, { flushMs: 5 });
    const first = event();
    buffer.add(first, 'wss://one');
    buffer.seen(first.id, 'wss://two');
    // A session with several relays sends mostly repeats: they must not wait (and pile up) until the end.
    await until(() => store.events.newest([{}], 'wss://two') === first.created_at);
    expect(store.events.newest([{}], 'wss://one')).toBe(first.created_at);
    buffer.close();
  });

  it('writes what waits once flushMs has passed, and on close', async () => {
    const store = openTempStore();
    opened.push(store);
    const buffer = new WriteBuffer(store.events, { flushMs: 5 });
    const first = event();
    buffer.add(first);
    await until(() => store.events.has(first.id));
    const second = event();
    buffer.add(second);
    buffer.close();
    expect(store.events.has(second.id)).toBe(true);
  });

  it('a burst is written in slices over several turns, with automatic checkpoints paused meanwhile', async () => {
    const store = openTempStore();
    opened.push(store);
    const db = (store.events as unknown as { db: { pragma(s: string, o?: object): unknown } }).db;
    const before = db.pragma('wal_autocheckpoint', { simple: true });
    expect(before).toBeGreaterThan(0);
    const slices: number[] = [];
    let checkpoints = 0;
    const putMany = store.events.putMany.bind(store.events);
    const spied = Object.assign(Object.create(store.events) as typeof store.events, {
      putMany: (events: Event[], relay?: string) => (slices.push(events.length), putMany(events, relay)),
      checkpointStep: () => (checkpoints++, store.events.checkpointStep()),
      pauseAutoCheckpoint: () => store.events.pauseAutoCheckpoint(),
    });
    // sliceMs 0: every slice is the smallest one, so 3,000 events take many turns.
    const buffer = new WriteBuffer(spied, { flushMs: 1, sliceMs: 0, maxBatch: 5_000 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const burst = Array.from({ length: 3_000 }, () => event());
    for (const e of burst) buffer.add(e, 'wss://one');
    // Nothing was written while the events were added (below maxBatch, the writer waits for its turn).
    expect(slices).toEqual([]);
    await until(() => store.events.has(burst.at(-1)!.id));
    // The first slice is 200; then the measured cost sets it (the smallest, 25, with sliceMs 0).
    expect(slices[0]).toBe(200);
    expect(slices.slice(1).every((n) => n === 25)).toBe(true);
    expect(slices.reduce((a, b) => a + b, 0)).toBe(burst.length);
    expect(burst.every((e) => store.events.has(e.id))).toBe(true);
    // A checkpoint step every 1,500 events and once caught up, each on a turn of its own.
    await until(() => checkpoints >= 2);
    buffer.close();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(before);
  });

  it('a full buffer writes all of it while the loop does not turn (one caller adding in one go), a slice while it turns', async () => {
    const store = openTempStore();
    opened.push(store);
    const writes: number[] = [];
    const putMany = store.events.putMany.bind(store.events);
    const spied = Object.assign(Object.create(store.events) as typeof store.events, {
      putMany: (events: Event[], relay?: string) => (writes.push(events.length), putMany(events, relay)),
    });
    // sliceMs 0: a slice is the smallest (25), so a slice and a full batch (100) differ.
    const buffer = new WriteBuffer(spied, { flushMs: 60_000, sliceMs: 0, maxBatch: 100 });
    for (let i = 0; i < 300; i++) buffer.add(event(), 'wss://one');
    // No turn yet: each time the buffer filled, all of it went in one write.
    expect(writes).toEqual([100, 100, 100]);
    await new Promise((resolve) => setImmediate(resolve)); // a turn: the buffer's own step runs
    // Now the loop turns between adds, as in the UI: a full buffer writes a slice, the rest on later turns.
    writes.length = 0;
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 100; i++) buffer.add(event(), 'wss://one');
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(writes.length).toBeGreaterThan(0);
    expect(writes).toEqual(writes.map(() => 25));
    buffer.close();
  });

  it('two buffers on one store: automatic checkpoints come back only when both are closed', () => {
    const store = openTempStore();
    opened.push(store);
    const db = (store.events as unknown as { db: { pragma(s: string, o?: object): unknown } }).db;
    const before = db.pragma('wal_autocheckpoint', { simple: true });
    const a = new WriteBuffer(store.events);
    const b = new WriteBuffer(store.events);
    a.close();
    a.close();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    b.close();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(before);
  });
});

