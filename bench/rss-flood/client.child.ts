// Child of rss-flood: a fresh process that opens a Global-like feed (kind 1, no authors) on one
// relay, the pool and Timeline the UI uses, and takes every event the relay streams. Prints peak
// resident memory (sampled while streaming) and, after a full collection, live heap and RSS, as one JSON line.
import WS from 'ws';
import { openFeed } from '../../src/client/feed.js';
import { limitHeapGrowth } from '../../src/heap-growth.js';
import { createPool } from '../../src/net/pool.js';

// As the CLI does on start (src/cli.ts run): this process stands for the client as shipped.
limitHeapGrowth();

const [url, countArg, nowArg] = process.argv.slice(2);
const count = Number(countArg);
const now = Number(nowArg);
if (!url || !count) throw new Error('usage: client.child.ts <url> <count> <now>');

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
// The ws class given explicitly turns WebSocket pings off: the relay queues the whole flood at
// once, the pong waits behind it, and on a loaded machine the 20 s pong timeout closed the
// connection mid-stream (the resubscription then starts after the newest event, so the rest of
// the initial stream is never asked for again: a limit of resuming by \`since\`, not of memory).
const pool = createPool({ relays: [{ url, read: true, write: false }], eoseTimeoutMs: 600_000, WebSocket: WS as unknown as typeof WebSocket });
const feed = openFeed({ pool, clock: { now: () => now * 1000 } }, [{ kinds: [1] }], { eoseTimeoutMs: 600_000 });
const outcomes = await feed.settled;
const received = pool.status()[0]!.counts.received;
peak = Math.max(peak, process.memoryUsage().rss);
const held = feed.timeline.entries().length;
clearInterval(sampler);
// Then what is still live: a full collection first (peak is measured before, without it).
const gc = (globalThis as { gc?: () => void }).gc;
for (let i = 0; i < 3; i++) gc?.();
const end = process.memoryUsage();
feed.close();
await pool.close();
process.stdout.write(JSON.stringify({ count, received, counts: pool.status()[0]!.counts, held, eose: outcomes.every((o) => o.eose), peakRss: peak, endRss: end.rss, heapUsed: end.heapUsed }) + '\n');
process.exit(0);
