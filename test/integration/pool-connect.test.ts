// A relay that never answers the WebSocket upgrade (test/helpers/silent-relay.ts).
// - A closed pool holds nothing open: a quit while a relay was still connecting kept the process
//   alive after its screen was gone, until nostr-tools' own connect timer fired (its close() never
//   clears it): 5 s after the start, up to a minute on a reconnect. Connects are now timed on the
//   pool's timers, cancelled by close.
// - A connect that runs out of time is a stall for every request waiting on it, as a relay that
//   never sends EOSE is: a command then does not wait for that relay a second time.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createPool } from '../../src/net/pool.js';
import type { RelayPool } from '../../src/net/types.js';
import { ManualTimers } from '../helpers/manual-timers.js';
import { startSilentRelay } from '../helpers/silent-relay.js';

const CHILD = fileURLToPath(new URL('../helpers/closing-pool-child.ts', import.meta.url));

let stop: (() => Promise<void>) | undefined;
let child: ChildProcess | undefined;
let pool: RelayPool | undefined;
afterEach(async () => {
  child?.kill();
  child = undefined;
  await pool?.close();
  pool = undefined;
  await stop?.();
  stop = undefined;
});

describe('a relay that never answers the WebSocket upgrade', () => {
  it('a pool closed meanwhile lets the process end by itself at once, not when the connect would have timed out', async () => {
    const relay = await startSilentRelay();
    stop = relay.stop;
    const run = spawn(process.execPath, ['--import', 'tsx', CHILD, relay.url], { stdio: ['pipe', 'pipe', 'inherit'] });
    child = run;
    let out = '';
    run.stdout.on('data', (data: Buffer) => (out += data.toString()));
    const exited = new Promise<number | null>((resolve) => run.once('exit', (code) => resolve(code)));
    await relay.connected;
    run.stdin.end('close\n');
    // With the timer left behind this waits out the child's 120 s connect timeout (past the test's limit).
    expect(await exited).toBe(0);
    expect(out).toBe('closed\n');
    await relay.clientsGone();
  });

  it('when the connect runs out of time, every request waiting on it has timed out, whatever its own wait', async () => {
    const relay = await startSilentRelay();
    stop = relay.stop;
    const timers = new ManualTimers(1_700_000_000_000);
    pool = createPool({ relays: [{ url: relay.url, read: true, write: true }], clock: timers, timers });
    // The first request opens the connection, with its 1 s wait; the second joins it with 60 s of its own.
    const first = pool.query([{ kinds: [0] }], { eoseTimeoutMs: 1_000 });
    const second = pool.query([{ kinds: [3] }], { eoseTimeoutMs: 60_000 });
    await relay.connected;
    timers.advance(1_000);
    expect((await first).relays).toEqual([{ url: relay.url, eose: false, timedOut: true, events: 0 }]);
    expect((await second).relays).toEqual([{ url: relay.url, eose: false, timedOut: true, events: 0, error: 'could not connect' }]);
  });
});
