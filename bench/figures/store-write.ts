// store-write: events/s the store sustains while events stream in through the
// WriteBuffer (batched transactions), on a cache that already holds events.
// Target: at least twice the ingest rate, so the store is never the bottleneck.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/open.js';
import { WriteBuffer } from '../../src/store/write-buffer.js';
import { makeAuthors, makeNotes } from '../fixtures/events.js';

export interface StoreWriteResult {
  eventsPerSec: number;
  events: number;
}

/** Measures the store alone; the figure divides it by the ingest rate. */
export async function measureStoreWrite(opts: { events?: number; preload?: number } = {}): Promise<StoreWriteResult> {
  const count = opts.events ?? 20_000;
  const preload = opts.preload ?? 10_000;
  const authors = await makeAuthors(500);
  const now = Math.floor(Date.now() / 1000);
  const old = await makeNotes(authors, preload, now - 86_400 * 30);
  const stream = await makeNotes(authors, count, now);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-bench-store-write-'));
  const store = openStore(dir, { clock: { now: () => Date.now() } });
  try {
    store.events.putMany(old, 'wss://relay.one');
    const buffer = new WriteBuffer(store.events);
    // Relays deliver events a few at a time; the buffer turns them into batched transactions.
    const start = performance.now();
    for (let i = 0; i < stream.length; i += 20) {
      const frame = stream.slice(i, i + 20);
      for (const event of frame) buffer.add(event, 'wss://relay.one');
    }
    buffer.close();
    const elapsed = performance.now() - start;
    return { eventsPerSec: Math.round((count / elapsed) * 1000), events: count };
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The figure: store events/s over the ingest figure's events/s (measured in the same run). */
export async function storeWrite(ingestEventsPerSec: number) {
  const { eventsPerSec } = await measureStoreWrite();
  return {
    name: 'store-write',
    value: eventsPerSec,
    unit: 'events/s',
    baseline: ingestEventsPerSec,
    ratio: eventsPerSec / ingestEventsPerSec,
  };
}
