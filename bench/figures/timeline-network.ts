// timeline-network: a Home timeline over a small network. 1,000 followed
// authors, 20,000 signed notes spread over 5 loopback relays (each note on 2 of
// them, as notes are copied around), one relay slow (pauses 50 ms after every
// 200 events), one stalled (takes the REQ, never answers). Ours: openFeed with
// the Home filters (pool, verifier, timeline, defaults), REQ to the settled
// timeline (every relay answered or timed out); baseline: nostr-tools
// SimplePool.querySync over the same relays and authors, defaults. Interleaved,
// same run; the note says how many notes each got (the stalled relay's timeout
// bounds both: ours 5 s, SimplePool's 4.4 s).
import type { Event } from 'nostr-tools';
import { SimplePool, useWebSocketImplementation } from 'nostr-tools/pool';
import WebSocket from 'ws';
import { openFeed } from '../../src/client/feed.js';
import { homeFilters } from '../../src/core/feed-filters.js';
import { createPool } from '../../src/net/pool.js';
import { median, ratio, type BenchContext, type Figure } from '../figure.js';
import { BENCH_NOW, signedNotes } from '../fixtures/signed-notes.js';
import { startMemoryRelays } from '../memory-relay.js';

const COUNT = 20_000;
const AUTHORS = 1_000;
const ROUNDS = Number(process.env.BENCH_NETWORK_ROUNDS ?? 2);
const SINCE = BENCH_NOW - 30 * 86_400;

function spread(events: Event[]): Event[][] {
  const relays: Event[][] = [[], [], [], [], []];
  events.forEach((event, i) => {
    relays[i % 5]!.push(event);
    relays[(i + 1) % 5]!.push(event);
  });
  return relays;
}

interface Run {
  ms: number;
  notes: number;
  /** ms until every note was merged, and how many were merged when the feed settled (ours only). */
  completeMs?: number;
  notesAtSettled?: number;
}

async function ours(urls: string[], authors: string[]): Promise<Run> {
  const clock = { now: () => BENCH_NOW * 1000 };
  const pool = createPool({ relays: urls.map((url) => ({ url, read: true, write: false })) });
  // The app's Home filters (authors in chunks), without a per-relay cap: the relays here hold only the window.
  const filters = homeFilters(authors, SINCE, COUNT).map(({ limit: _limit, ...filter }) => ({ ...filter, kinds: [1] }));
  const started = performance.now();
  const feed = openFeed({ pool, clock }, filters);
  let completeMs: number | undefined;
  const off = feed.onChange(() => {
    if (completeMs === undefined && feed.timeline.entries().length >= COUNT) completeMs = performance.now() - started;
  });
  await feed.settled;
  const ms = performance.now() - started;
  const notesAtSettled = feed.timeline.entries().length;
  // The feed keeps streaming after it settled: what a relay sends past its EOSE timeout still arrives.
  const deadline = performance.now() + 60_000;
  while (completeMs === undefined && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const notes = feed.timeline.entries().length;
  off();
  feed.close();
  await pool.close();
  return { ms, notes, notesAtSettled, ...(completeMs === undefined ? {} : { completeMs }) };
}

async function simplePool(urls: string[], authors: string[]): Promise<Run> {
  useWebSocketImplementation(WebSocket);
  const pool = new SimplePool();
  const started = performance.now();
  const events = await pool.querySync(urls, { kinds: [1], authors, since: SINCE });
  const unique = new Map(events.map((e) => [e.id, e]));
  const ms = performance.now() - started;
  pool.destroy();
  return { ms, notes: unique.size };
}

const fmt = (xs: number[]) => xs.map((x) => Math.round(x)).join('/');

export default async function timelineNetwork(ctx: BenchContext): Promise<Figure> {
  const events = await signedNotes(COUNT, AUTHORS);
  const authors = [...new Set(events.map((e) => e.pubkey))];
  const relays = await startMemoryRelays(spread(events), [{}, {}, {}, { chunk: 200, delayMs: 50 }, { stall: true }]);
  try {
    await ours(relays.urls, authors); // warm-up
    const a: Run[] = [];
    const b: Run[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      a.push(await ours(relays.urls, authors));
      b.push(await simplePool(relays.urls, authors));
      ctx.log(`timeline-network round ${round + 1}: ours ${Math.round(a.at(-1)!.ms)} ms (${a.at(-1)!.notes} notes), SimplePool ${Math.round(b.at(-1)!.ms)} ms (${b.at(-1)!.notes})`);
    }
    // Ours: until every note is merged (the feed streams on past its EOSE timeouts); SimplePool's answer is final.
    const value = median(a.map((r) => Math.max(r.ms, r.completeMs ?? Infinity)));
    const baseline = median(b.map((r) => r.ms));
    return {
      name: 'timeline-network',
      value: Math.round(value),
      unit: 'ms',
      baseline: Math.round(baseline),
      ratio: ratio(value, baseline),
      note:
        `${AUTHORS} authors, ${COUNT} notes × 2 copies over 5 loopback relays (one slow, one stalled); ours: REQ to every note merged; ` +
        `per round ours settled at ${fmt(a.map((r) => r.ms))} ms with ${a.map((r) => r.notesAtSettled).join('/')} notes, all ${a.map((r) => r.notes).join('/')} merged at ${fmt(a.map((r) => r.completeMs ?? NaN))} ms; ` +
        `SimplePool.querySync ${fmt(b.map((r) => r.ms))} ms with ${b.map((r) => r.notes).join('/')} notes; lower is better, and more notes`,
    };
  } finally {
    await relays.stop();
  }
}
