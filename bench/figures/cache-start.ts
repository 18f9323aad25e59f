// cache-start: time from spawning `nostr-tui timeline --json --limit 50` to its
// first line of output, every relay unreachable, with a store of 200,000
// events (500 authors followed), over the same with a store of 1,000 events.
// Target: ratio <= 1.2 (the store's size must not slow the start).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { median, ratio, type BenchContext, type Figure } from '../figure.js';
import { cacheHome } from '../fixtures/cache-home.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/nostr-tui.cjs');
/** Nothing listens on port 1: connecting fails at once. */
const UNREACHABLE = 'ws://127.0.0.1:1';

/** ms from spawn to the first line on stdout. */
function timeToFirstLine(home: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [BIN, 'timeline', '--json', '--limit', '50', '--relay', UNREACHABLE], {
      env: { ...process.env, NOSTR_TUI_HOME: home, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let first: number | undefined;
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (first === undefined && out.includes('\n')) first = performance.now() - start;
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (first === undefined) reject(new Error(`timeline printed nothing (exit ${code}): ${err.trim()}`));
      else resolve(first);
    });
  });
}

export default async function cacheStart(ctx: BenchContext): Promise<Figure> {
  const runs = 7;
  ctx.log('cache-start: preparing homes with 200,000 and 1,000 cached events (built once, then kept in the temp directory)…');
  const largeHome = await cacheHome(200_000);
  const smallHome = await cacheHome(1_000);
  try {
    // Alternate sizes so drift in machine load hits both alike.
    const large: number[] = [];
    const small: number[] = [];
    await timeToFirstLine(largeHome);
    await timeToFirstLine(smallHome);
    for (let i = 0; i < runs; i++) {
      large.push(await timeToFirstLine(largeHome));
      small.push(await timeToFirstLine(smallHome));
    }
    const value = Math.round(median(large));
    const baseline = Math.round(median(small));
    return {
      name: 'cache-start',
      value,
      unit: 'ms',
      baseline,
      ratio: ratio(value, baseline),
      note: 'spawn of `timeline --json --limit 50` to its first line, relays unreachable; 200,000 cached events (500 followed) over 1,000; lower is better, target <= 1.2',
    };
  } finally {
    fs.rmSync(largeHome, { recursive: true, force: true });
    fs.rmSync(smallHome, { recursive: true, force: true });
  }
}
