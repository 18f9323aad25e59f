// frame-stall: the longest time the UI's main thread was blocked while 50,000
// signed notes stream in from a loopback relay and are verified, merged, drawn
// and stored, over the same with the store off. The real Ink App draws the real
// feed (openFeed: pool, verifier, timeline, write buffer into SQLite); a timer
// due every millisecond measures how late it fires (the longest gap in which
// no frame could have been drawn), and the gaps between frames Ink actually
// wrote are reported too. Goal: worst gap <= 50 ms with the store on. The note also
// gives the CPU time the hypervisor stole meanwhile (bench/steal.ts), which delays the main
// thread as much as its own work.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import { createElement } from 'react';
import type { Event } from 'nostr-tools';
import { openFeed } from '../../src/client/feed.js';
import { cacheIngest } from '../../src/client/ingest.js';
import { createPool } from '../../src/net/pool.js';
import { openStore, type LocalStore } from '../../src/store/open.js';
import { App } from '../../src/ui/App.js';
import { INK_OPTIONS } from '../../src/ui/ink-options.js';
import { fakeServices } from '../../test/ui/fake-services.js';
import type { BenchContext, Figure } from '../figure.js';
import { median } from '../figure.js';
import { BENCH_NOW, signedNotes } from '../fixtures/signed-notes.js';
import { startMemoryRelays } from '../memory-relay.js';
import { stealMeter } from '../steal.js';

const COUNT = Number(process.env.BENCH_STALL_EVENTS ?? 50_000);
const ROUNDS = Number(process.env.BENCH_STALL_ROUNDS ?? 2);
const FILTER = { kinds: [1], since: BENCH_NOW - 30 * 86_400 };

interface Stall {
  /** Longest lateness of a 1 ms timer, ms. */
  loopGap: number;
  /** Longest time between two frames Ink wrote until the feed had every note, ms. */
  frameGap: number;
  frames: number;
  ms: number;
  /** Longest single store call left on the main thread (a slice's commit while the writer thread loads), ms. */
  storeCall: number;
  /** Longest garbage-collection pause, ms. */
  gc: number;
}

/** The store, with its longest write or checkpoint call timed. */
function timed(store: LocalStore['events'], longest: { ms: number }): LocalStore['events'] {
  const time = <T>(run: () => T): T => {
    const started = performance.now();
    try {
      return run();
    } finally {
      longest.ms = Math.max(longest.ms, performance.now() - started);
    }
  };
  return Object.assign(Object.create(store) as LocalStore['events'], {
    putMany: (events: Parameters<typeof store.putMany>[0], relay?: string) => time(() => store.putMany(events, relay)),
    checkpointStep: () => time(() => store.checkpointStep()),
    pauseAutoCheckpoint: () => store.pauseAutoCheckpoint(),
  });
}

async function stream(url: string, withStore: boolean, lastIds: string[]): Promise<Stall> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-bench-stall-'));
  let store: LocalStore | undefined;
  const clock = { now: () => BENCH_NOW * 1000 };
  if (withStore) store = openStore(dir, { clock });
  const longest = { ms: 0 };
  // Events reach the cache as in the client (src/client/client.ts): through the pool's one ingest path.
  const ingest = store ? cacheIngest(() => timed(store!.events, longest)) : undefined;
  const pool = createPool({ relays: [{ url, read: true, write: false }], eoseTimeoutMs: 300_000, ...(ingest ? { ingest } : {}) });
  try {
    const started = performance.now();
    let loopGap = 0;
    let gc = 0;
    const gcs = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) gc = Math.max(gc, entry.duration);
    });
    gcs.observe({ entryTypes: ['gc'] });
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      loopGap = Math.max(loopGap, now - last);
      last = now;
    }, 1);
    const feed = openFeed({ pool, clock, ...(store ? { store: store.events } : {}) }, [FILTER], { eoseTimeoutMs: 300_000 });
    const fake = fakeServices({ now: BENCH_NOW, feeds: { home: feed as never, global: feed as never } });
    let frames = 0;
    let frameGap = 0;
    let lastFrame = performance.now();
    const app = render(createElement(App, { services: fake.services, size: { columns: 100, rows: 30 }, color: false }), {
      ...terminal(() => {
        const now = performance.now();
        frameGap = Math.max(frameGap, now - lastFrame);
        lastFrame = now;
        frames++;
      }),
      ...INK_OPTIONS,
    });
    await feed.settled;
    // Frames are counted until the feed has every note: then nothing changes on screen (the writer thread may still be writing).
    const settledFrameGap = frameGap;
    // The store has the stream when the last notes the relay sent are in it.
    while (store && !lastIds.every((id) => store!.events.has(id))) await new Promise((r) => setTimeout(r, 20));
    clearInterval(ticker);
    gcs.disconnect();
    const ms = performance.now() - started;
    app.unmount();
    feed.close();
    const merged = feed.timeline.entries().length;
    if (merged < 1_000) throw new Error(`frame-stall: only ${merged} notes merged`);
    return { loopGap, frameGap: settledFrameGap, frames, ms, storeCall: longest.ms, gc };
  } finally {
    await pool.close();
    ingest?.flush();
    store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A 100x30 terminal for Ink's own render path, as the CLI uses it (src/ui/run.tsx): frames
 * throttled as INK_OPTIONS says and written as diffs. ink-testing-library renders in Ink's
 * debug mode instead, which draws every commit unthrottled.
 */
function terminal(onFrame: () => void) {
  const stream = (write: (chunk: string) => void) =>
    Object.assign(new EventEmitter(), { columns: 100, rows: 30, isTTY: true, write: (chunk: string) => (write(chunk), true) });
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true,
    setRawMode() {},
    setEncoding() {},
    resume() {},
    pause() {},
    ref() {},
    unref() {},
    read: () => null,
  });
  return { stdout: stream(onFrame) as never, stderr: stream(() => {}) as never, stdin: stdin as never };
}

const fmt = (xs: number[]) => xs.map((x) => Math.round(x)).join('/');

export default async function frameStall(ctx: BenchContext): Promise<Figure> {
  let events: Event[] | undefined = await signedNotes(COUNT, 1_000);
  const relays = await startMemoryRelays([events]);
  const lastIds = events.slice(-5).map((e) => e.id);
  // The relay's thread has its own copy; the client holds no 50,000 events of its own (here they
  // were 50 MB more for every full collection to mark).
  events = undefined;
  try {
    await stream(relays.urls[0]!, true, lastIds); // warm-up: JIT, workers, SQLite
    const stolen = stealMeter();
    const on: Stall[] = [];
    const off: Stall[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      on.push(await stream(relays.urls[0]!, true, lastIds));
      off.push(await stream(relays.urls[0]!, false, lastIds));
      ctx.log(`frame-stall round ${round + 1}: store on ${Math.round(on.at(-1)!.loopGap)} ms, off ${Math.round(off.at(-1)!.loopGap)} ms`);
    }
    const steal = stolen();
    const value = Math.max(...on.map((s) => s.loopGap));
    const baseline = Math.max(...off.map((s) => s.loopGap));
    return {
      name: 'frame-stall',
      value: Math.round(value),
      unit: 'ms',
      baseline: Math.round(baseline),
      ratio: Number((value / baseline).toFixed(2)),
      note:
        `worst main-thread gap over ${ROUNDS} rounds of ${COUNT} notes streamed, verified, drawn by the App and stored (store off: baseline); ` +
        `per round on/off: loop gap ${fmt(on.map((s) => s.loopGap))} / ${fmt(off.map((s) => s.loopGap))} ms, ` +
        `longest store call ${fmt(on.map((s) => s.storeCall))} ms, longest GC pause ${fmt(on.map((s) => s.gc))} / ${fmt(off.map((s) => s.gc))} ms, frame gap ${fmt(on.map((s) => s.frameGap))} / ${fmt(off.map((s) => s.frameGap))} ms, ` +
        `until the last note was stored ${fmt(on.map((s) => s.ms))} ms (median ${Math.round(median(on.map((s) => s.ms)))}), merged with the store off ${fmt(off.map((s) => s.ms))} ms; ` +
        `${steal === undefined ? '' : `CPU time stolen by the hypervisor meanwhile ${steal} %; `}lower is better, goal <= 50 ms`,
    };
  } finally {
    await relays.stop();
  }
}
