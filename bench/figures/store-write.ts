// store-write: events/s the store sustains while events stream in through the
// WriteBuffer (batched transactions, as openFeed uses it), on a cache that
// already holds events; over the ingest figure's events/s (the rate the pool
// delivers verified events). Target: ratio >= 2, the store is never the bottleneck.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Event } from 'nostr-tools';
import { openStore } from '../../src/store/open.js';
import { WriteBuffer } from '../../src/store/write-buffer.js';
import { median, ratio, type BenchContext, type Figure } from '../figure.js';
import { signedNotes } from '../fixtures/signed-notes.js';

const ROUNDS = 3;

/** ms to write `stream` into a store already holding `preload`. */
function writeOnce(preload: Event[], stream: Event[]): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-bench-store-write-'));
  const store = openStore(dir, { clock: { now: () => Date.now() } });
  try {
    store.events.putMany(preload, 'wss://relay.one');
    const buffer = new WriteBuffer(store.events);
    const start = performance.now();
    // Events arrive one by one, as the pool hands them on; the buffer batches them.
    for (const event of stream) buffer.add(event, 'wss://relay.two');
    buffer.close();
    return performance.now() - start;
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export default async function storeWrite(ctx: BenchContext): Promise<Figure> {
  const ingest = await ctx.figure('ingest');
  const stream = await signedNotes(20_000);
  const preload = await signedNotes(10_000, 400);
  writeOnce(preload.slice(0, 1000), stream.slice(0, 2000)); // warm up
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) times.push(writeOnce(preload, stream));
  const value = Math.round(stream.length / (median(times) / 1000));
  return {
    name: 'store-write',
    value,
    unit: 'events/s',
    baseline: ingest.value,
    ratio: ratio(value, ingest.value),
    note: `${stream.length} signed notes through the WriteBuffer into a store holding ${preload.length}; baseline: the ingest figure (pool + verify + timeline); higher is better, target >= 2`,
  };
}
