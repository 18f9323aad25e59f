// rss-flood (issue #16 item 5): peak resident memory of a fresh process that streams many valid,
// distinct events into a Global-like subscription (pool + Timeline, as the UI), against the same
// after 10,000 events. Before the caps, 600,000 events took a client from 167 MB to 875 MB; the
// goal is a ratio of at most 1.5. Events are signed before timing, in parallel child processes,
// and kept in the temp directory between runs; the relay serves them from another process.
//
// The count defaults to 150,000, not the 600,000: signing runs at ~3,000 events/s a core
// here, so 600,000 would take minutes before anything is measured. 150,000 is past every cap
// (timeline 20,000, verified events 5,000, delivered ids 20,000), so memory has reached its
// plateau; BENCH_FLOOD_COUNT=600000 measures the full figure. 50,000 (past the caps but the
// delivered ids') is measured too: the note shows whether memory still grows between the two.
//
// A peak is noisy: V8 lets the old generation grow to a few times what is live before a full
// collection, and where that collection falls (and how far allocation overshoots while it marks,
// on cores shared with other processes) moved one run's peak by up to 80 MB here. So each size is
// streamed BENCH_FLOOD_ROUNDS times (default 3), interleaved, and the medians are compared.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Event } from 'nostr-tools';
import { median, ratio, type BenchContext, type Figure } from '../figure.js';
import { BENCH_NOW } from '../fixtures/signed-notes.js';
import { startMemoryRelays } from '../memory-relay.js';

const run = promisify(execFile);
const HERE = path.resolve(import.meta.dirname, '../rss-flood');
const SMALL = 10_000;
const MIDDLE = 50_000;
const LARGE = Number(process.env.BENCH_FLOOD_COUNT ?? 150_000);
const ROUNDS = Number(process.env.BENCH_FLOOD_ROUNDS ?? 3);
const SIGNERS = 2;

async function signedFlood(count: number, ctx: BenchContext): Promise<Event[]> {
  const file = path.join(os.tmpdir(), `nostr-tui-bench-flood-${count}.json`);
  try {
    const cached = JSON.parse(fs.readFileSync(file, 'utf8')) as Event[];
    if (cached.length === count) return cached;
  } catch {
    // not made yet
  }
  ctx.log(`rss-flood: signing ${count} notes in ${SIGNERS} processes (once; kept in the temp directory)…`);
  const step = Math.ceil(count / SIGNERS);
  const parts = Array.from({ length: SIGNERS }, (_, i) => path.join(os.tmpdir(), `nostr-tui-bench-flood-${count}.${i}.json`));
  await Promise.all(
    parts.map((part, i) =>
      run(process.execPath, ['--import', 'tsx', path.join(HERE, 'sign.child.ts'), String(i * step), String(Math.min(count, (i + 1) * step)), String(BENCH_NOW), part]),
    ),
  );
  const events = parts.flatMap((part) => JSON.parse(fs.readFileSync(part, 'utf8')) as Event[]);
  for (const part of parts) fs.rmSync(part, { force: true });
  fs.writeFileSync(file, JSON.stringify(events));
  return events;
}

interface ClientResult {
  count: number;
  received: number;
  held: number;
  eose: boolean;
  peakRss: number;
  endRss: number;
  heapUsed: number;
}

async function stream(events: Event[]): Promise<ClientResult> {
  const relays = await startMemoryRelays([events]);
  try {
    const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(HERE, 'client.child.ts'), relays.urls[0]!, String(events.length), String(BENCH_NOW)], {
      maxBuffer: 1 << 20,
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as ClientResult;
    if (result.received !== events.length || !result.eose) throw new Error(`rss-flood: the client took ${result.received} of ${events.length} events`);
    return result;
  } finally {
    await relays.stop();
  }
}

export default async function rssFlood(ctx: BenchContext): Promise<Figure[]> {
  const all = await signedFlood(LARGE, ctx);
  const sizes = [SMALL, ...(MIDDLE < LARGE ? [MIDDLE] : []), LARGE];
  const runs = new Map<number, ClientResult[]>(sizes.map((size) => [size, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const size of sizes) {
      ctx.log(`rss-flood: round ${round}/${ROUNDS}, streaming ${size} events…`);
      runs.get(size)!.push(await stream(size === LARGE ? all : all.slice(0, size)));
    }
  }
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const of = (size: number, field: 'peakRss' | 'endRss' | 'heapUsed') => median(runs.get(size)!.map((r) => r[field]));
  const range = (size: number) => {
    const peaks = runs.get(size)!.map((r) => mb(r.peakRss));
    return `${Math.min(...peaks)}-${Math.max(...peaks)}`;
  };
  const large = runs.get(LARGE)![0]!;
  const small = runs.get(SMALL)![0]!;
  const middle = MIDDLE < LARGE ? `; after ${MIDDLE}: peak ${mb(of(MIDDLE, 'peakRss'))} MB, live heap ${mb(of(MIDDLE, 'heapUsed'))} MB` : '';
  return [
    {
      name: 'rss-flood',
      value: mb(of(LARGE, 'peakRss')),
      unit: 'MB peak RSS',
      baseline: mb(of(SMALL, 'peakRss')),
      ratio: ratio(of(LARGE, 'peakRss'), of(SMALL, 'peakRss')),
      note:
        `median peak RSS of ${ROUNDS} runs streaming ${LARGE} valid distinct events into a Global-like feed (pool + Timeline, no cache) vs ${SMALL} ` +
        `(ranges ${range(LARGE)} vs ${range(SMALL)} MB)${middle}; timeline held ${large.held} vs ${small.held}; ` +
        `RSS after a full GC ${mb(of(LARGE, 'endRss'))} vs ${mb(of(SMALL, 'endRss'))} MB; lower is better, goal ratio <= 1.5`,
    },
    {
      name: 'rss-flood-heap',
      value: mb(of(LARGE, 'heapUsed')),
      unit: 'MB live heap',
      baseline: mb(of(SMALL, 'heapUsed')),
      ratio: ratio(of(LARGE, 'heapUsed'), of(SMALL, 'heapUsed')),
      note: `live JS heap after a full GC, same runs (medians): what the caps bound (peak RSS adds V8's collection slack); lower is better`,
    },
  ];
}
