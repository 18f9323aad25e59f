// store-write: events/s the cache stores a burst of 20,000 events at, handed on
// one by one as the pool hands them (src/client/ingest.ts): the first deliveries
// written on the main thread while the writer thread loads, the rest by the
// writer thread (src/store/writer-thread.ts), timed until flush() returns with
// everything written; on a cache that already holds events. Over the ingest
// figure's events/s (the rate the pool delivers verified events). Target: ratio
// >= 2, the store is never the bottleneck. The note gives the main thread's own
// writer (src/store/write-buffer.ts) alone, in the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Event } from 'nostr-tools';
import { cacheIngest } from '../../src/client/ingest.js';
import { openStore } from '../../src/store/open.js';
import { WriteBuffer } from '../../src/store/write-buffer.js';
import type { StoreWriter } from '../../src/store/writer-thread.js';
import { median, ratio, type BenchContext, type Figure } from '../figure.js';
import { signedNotes } from '../fixtures/signed-notes.js';

const ROUNDS = 3;

type Path = 'thread' | 'main';

/** ms to write `stream` into a store already holding `preload`, by the stream's path or the main thread's writer alone. */
async function writeOnce(preload: Event[], stream: Event[], by: Path): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-bench-store-write-'));
  const store = openStore(dir, { clock: { now: () => Date.now() } });
  try {
    store.events.putMany(preload, 'wss://relay.one');
    const start = performance.now();
    if (by === 'main') {
      const buffer = new WriteBuffer(store.events);
      for (const event of stream) buffer.add(event, 'wss://relay.two');
      buffer.close();
      return performance.now() - start;
    }
    let thread: StoreWriter | undefined;
    const writerThread = store.events.writerThread.bind(store.events);
    store.events.writerThread = () => (thread = writerThread());
    const ingest = cacheIngest(() => store.events);
    // Until the thread has loaded, events come 100 a turn (the main thread writes them meanwhile); then all at once.
    let i = 0;
    for (; i < stream.length && !thread?.ready; i++) {
      ingest.event(stream[i]!, 'wss://relay.two');
      if (i % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
    }
    for (; i < stream.length; i++) ingest.event(stream[i]!, 'wss://relay.two');
    // Waits for the whole backlog: closing alone waits at most a second for it (a quit mid-burst
    // stays quick), and on a slow run the last of 20,000 can take longer than that.
    thread?.flush();
    ingest.flush();
    const ms = performance.now() - start;
    if (!stream.every((event) => store.events.has(event.id))) throw new Error('store-write: not every event was stored');
    return ms;
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export default async function storeWrite(ctx: BenchContext): Promise<Figure> {
  const ingest = await ctx.figure('ingest');
  const stream = await signedNotes(20_000);
  const preload = await signedNotes(10_000, 400);
  await writeOnce(preload.slice(0, 1000), stream.slice(0, 2000), 'thread'); // warm up
  await writeOnce(preload.slice(0, 1000), stream.slice(0, 2000), 'main');
  const times: Record<Path, number[]> = { thread: [], main: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const by of ['thread', 'main'] as const) times[by].push(await writeOnce(preload, stream, by));
  }
  const rate = (by: Path) => Math.round(stream.length / (median(times[by]) / 1000));
  const value = rate('thread');
  return {
    name: 'store-write',
    value,
    unit: 'events/s',
    baseline: ingest.value,
    ratio: ratio(value, ingest.value),
    note:
      `${stream.length} signed notes handed on one by one (the first while the writer thread loads, the rest at once) into a store holding ${preload.length}, ` +
      `until flush() returned with all written; the main thread's writer alone (WriteBuffer) ${rate('main')} events/s; ` +
      `baseline: the ingest figure (pool + verify + timeline); higher is better, target >= 2`,
  };
}
