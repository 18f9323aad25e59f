// rss-per-event: resident memory per event held in the timeline, for 100,000
// events read from the store, measured in a fresh process. Baseline: the
// average size of those events' JSON. Target: under 1.5 KB per event.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ratio, type BenchContext, type Figure } from '../figure.js';
import { cacheHome } from '../fixtures/cache-home.js';

const CHILD = path.resolve(import.meta.dirname, '../timeline-memory.child.ts');

export default async function rssPerEvent(ctx: BenchContext): Promise<Figure> {
  const count = 100_000;
  ctx.log('rss-per-event: preparing a home with 200,000 cached events (built once, then kept in the temp directory)…');
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
      ratio: ratio(result.rssPerEvent, result.rawBytes),
      note: `${count} events read from the store into a Timeline, fresh process; baseline: their average JSON size; heap ${Math.round(result.heapPerEvent)} bytes/event; lower is better, target < 1536 bytes/event`,
    };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}
