// rss-per-event: resident memory per event held in the timeline, for 100,000
// events read from the store, measured in a fresh process. Baseline: the
// average size of those events' JSON. Target: under 1.5 KB per event.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { cacheHome } from '../fixtures/cache-home.js';

const CHILD = path.resolve(import.meta.dirname, 'rss-per-event.child.ts');

export async function rssPerEvent(opts: { events?: number } = {}) {
  const count = opts.events ?? 100_000;
  const home = await cacheHome(200_000);
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', CHILD, path.join(home, 'data'), String(count)],
      { maxBuffer: 1 << 20 },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { held: number; rssPerEvent: number; heapPerEvent: number; rawBytes: number };
    if (result.held !== count) throw new Error(`timeline held ${result.held} events, expected ${count}`);
    return {
      name: 'rss-per-event',
      value: Math.round(result.rssPerEvent),
      unit: 'bytes/event',
      baseline: Math.round(result.rawBytes),
      ratio: result.rssPerEvent / result.rawBytes,
      note: `heap ${Math.round(result.heapPerEvent)} bytes/event; target < 1536`,
    };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}
