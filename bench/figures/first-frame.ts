// first-frame: wall time from spawning the built `nostr-tui` in a pseudo-terminal
// to its first frame showing timeline rows, the timeline served by a real relay
// on loopback; over the time to spawn `node -e ''` in the same kind of terminal.
// Goal: ratio <= 2.5. Each run starts with no data (no events to paint from); V8's
// code cache (src/code-cache.ts) is kept from one warm-up start, as on every start
// but the first after an install, whose time the note gives apart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn as spawnPty } from 'node-pty';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { KeyStore } from '../../src/store/keys.js';
import { startRelay } from '../../test/helpers/relay.js';
import { BIN } from '../../test/helpers/cli.js';
import { until } from '../../test/helpers/until.js';
import type { Figure } from '../figure.js';
import { buildMinimalInk, MINIMAL_INK_LAST_ROW } from '../minimal-ink.js';

// The machine moves single starts by ±10 ms: 15 interleaved triples keep the median steady.
const RUNS = 15;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** ms from spawn until `done` says so (on output, or at exit); `hold` keeps the process up after that until it resolves. */
function timeInPty(args: string[], env: Record<string, string>, until: 'exit' | string, hold?: () => Promise<unknown>): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const pty = spawnPty(process.execPath, args, { name: 'xterm-256color', cols: 80, rows: 24, env: { ...process.env, ...env } as Record<string, string> });
    let out = '';
    let finished = false;
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      const ms = performance.now() - start;
      clearTimeout(timer);
      if (error || !hold) {
        if (until !== 'exit') pty.kill();
        if (error) reject(error);
        else resolve(ms);
        return;
      }
      hold().then(
        () => {
          pty.kill();
          resolve(ms);
        },
        (reason: unknown) => {
          pty.kill();
          reject(reason instanceof Error ? reason : new Error(String(reason)));
        },
      );
    };
    const timer = setTimeout(() => finish(new Error(`no first frame in 20 s; output: ${out.slice(-500)}`)), 20_000);
    pty.onData((data) => {
      out += data;
      if (until !== 'exit' && out.includes(until)) finish();
    });
    pty.onExit(() => (until === 'exit' ? finish() : finish(new Error(`exited before the first frame; output: ${out.slice(-500)}`))));
  });
}

/** Points of the start-up trace (src/store/startup-trace.ts), ms since the process started; `rows` is the bench's own end. */
const STEPS: Array<[string, string]> = [
  ['bin', 'node start-up'],
  ['start-loaded', 'entry'],
  ['cli-loaded', 'bundle load'],
  ['command', 'argument parsing'],
  ['services-loaded', 'services module load'],
  ['key-loaded', 'key load'],
  ['store-open', 'SQLite open'],
  ['services-ready', 'services ready'],
  ['ui-loaded', 'React/Ink load'],
  ['first-notes', 'wait for the first notes'],
  ['first-render', 'first render'],
  ['rows', 'to the terminal (spawn and pty; the rows\' render too when not in the first)'],
];

function readTrace(file: string, total: number): Map<string, number> {
  const marks = new Map<string, number>();
  try {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const [name, ms] = line.split(' ');
      if (name && ms) marks.set(name, Number(ms));
    }
  } catch {
    // no trace: the breakdown says so
  }
  // The pty's clock started before the process did: the rows come at the measured total.
  marks.set('rows', total);
  return marks;
}

function breakdown(traces: Array<Map<string, number>>): string {
  let previous = 0;
  const parts: string[] = [];
  for (const [key, label] of STEPS) {
    const at = traces.map((t) => t.get(key)).filter((x): x is number => x !== undefined);
    if (at.length === 0) continue;
    const m = median(at);
    parts.push(`${label} ${Math.round(m - previous)}`);
    previous = m;
  }
  return parts.join(', ');
}

export async function firstFrame(): Promise<Figure> {
  const relay = await startRelay();
  const author = generateSecretKey();
  const now = Math.floor(Date.now() / 1000);
  const marker = 'first-frame marker note';
  const events = Array.from({ length: 50 }, (_, i) =>
    finalizeEvent({ kind: 1, created_at: now - 100 - i, tags: [], content: i === 0 ? marker : `note ${i}` }, author),
  );
  await relay.seed(...events);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-bench-'));
  try {
    const me = generateSecretKey();
    new KeyStore(home).save({ pubkey: getPublicKey(me), secret: { type: 'plain', secretKey: me } });
    const trace = path.join(home, 'startup-trace');
    const startUi = (hold?: () => Promise<unknown>) => {
      fs.rmSync(path.join(home, 'data'), { recursive: true, force: true });
      fs.rmSync(trace, { force: true });
      return timeInPty([BIN, '--relay', relay.url], { NOSTR_TUI_HOME: home, NO_COLOR: '1', NOSTR_TUI_STARTUP_TRACE: trace }, marker, hold);
    };
    // The first start after an install compiles everything and saves the code cache a few seconds in.
    const codeCache = path.join(home, 'cache');
    const firstStart = await startUi(() => until(() => (fs.existsSync(codeCache) && fs.readdirSync(codeCache).some((name) => name.endsWith('.v8'))) || undefined, 'the code cache', 20_000));
    const minimalDir = path.join(home, 'minimal-ink');
    fs.mkdirSync(minimalDir);
    const minimal = await buildMinimalInk(minimalDir);
    // Its code cache too, written by a first start.
    await timeInPty(minimal, {}, MINIMAL_INK_LAST_ROW, () => until(() => fs.readdirSync(minimalDir).some((name) => name.endsWith('.v8')) || undefined, 'its code cache', 20_000));
    const ours: number[] = [];
    const base: number[] = [];
    const least: number[] = [];
    const traces: Array<Map<string, number>> = [];
    for (let i = 0; i < RUNS; i++) {
      base.push(await timeInPty(['-e', ''], {}, 'exit'));
      least.push(await timeInPty(minimal, { NO_COLOR: '1' }, MINIMAL_INK_LAST_ROW));
      const ms = await startUi();
      ours.push(ms);
      traces.push(readTrace(trace, ms));
    }
    const value = median(ours);
    const baseline = median(base);
    return {
      name: 'first-frame',
      value: Math.round(value),
      unit: 'ms',
      baseline: Math.round(baseline),
      ratio: Number((value / baseline).toFixed(2)),
      note:
        `median of ${RUNS}; spawn in an 80x24 pty to the first frame with timeline rows (no data, 50 notes on a loopback relay, code cache kept); baseline: node -e ''; ` +
        `the first start after an install (no code cache yet): ${Math.round(firstStart)} ms; ` +
        `a minimal Ink app (React, Ink and yoga drawing 10 static notes, bundled and code-cached the same way; bench/minimal-ink.ts) ` +
        `${Math.round(median(least))} ms, ${(median(least) / baseline).toFixed(2)}× node -e: the goal leaves ${Math.round(2.5 * baseline - median(least))} ms for everything else; ` +
        `breakdown (median ms per step): ${breakdown(traces)}; lower is better, goal <= 2.5`,
    };
  } finally {
    await relay.stop();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

export default firstFrame;

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await firstFrame()));
}
