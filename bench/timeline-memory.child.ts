// Child process of rss-per-event: a clean heap, so resident memory before and
// after filling a Timeline measures the timeline alone. Prints one JSON line.
import { Timeline } from '../src/core/timeline.js';
import { openStore } from '../src/store/open.js';

const [dataDir, countArg] = process.argv.slice(2);
const count = Number(countArg);
const gc = (globalThis as { gc?: () => void }).gc;
if (!dataDir || !gc) throw new Error('usage: node --expose-gc --import tsx timeline-memory.child.ts <dataDir> <count>');

const settle = () => {
  for (let i = 0; i < 3; i++) gc();
};

const store = openStore(dataDir, { clock: { now: () => Date.now() } });
// The figure is memory per event held, so the list is not capped here (the app caps it at MAX_ENTRIES).
const timeline = new Timeline({ clock: { now: () => Date.now() }, maxEntries: Infinity });
// Warm everything that is not per-event (statements, code) on a small answer first.
for (const event of store.events.query([{ kinds: [1], limit: 100 }])) timeline.add(event, 'wss://bench.relay.example');
settle();
const before = process.memoryUsage();

let events = store.events.query([{ kinds: [1], limit: count }]);
const rawBytes = events.reduce((sum, event) => sum + JSON.stringify(event).length, 0) / events.length;
for (const event of events) timeline.add(event, 'wss://bench.relay.example');
timeline.entries();
const held = timeline.size;
events = [];
settle();
const after = process.memoryUsage();
store.close();

process.stdout.write(
  JSON.stringify({
    held,
    rssPerEvent: (after.rss - before.rss) / held,
    heapPerEvent: (after.heapUsed - before.heapUsed) / held,
    rawBytes,
  }) + '\n',
);
