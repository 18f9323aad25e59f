// The relay keep-alive (src/net/keep-alive.ts), on hand-moved timers against real sockets:
// - Closing leaves no timer of it: nostr-tools' own ping left a 20 s pong timer that close() never
//   cleared, so `q` in a UI that had run 30 s left the process alive up to 20 s on a blank screen
//   (measured 9-13 s), and Ctrl-C on `timeline --stream` took 9 s.
// - It still does its job: a relay that answers stays connected; one that stops answering is
//   ended and reconnected.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PING_EVERY_MS, PONG_WITHIN_MS } from '../../src/net/keep-alive.js';
import { createPool } from '../../src/net/pool.js';
import type { RelayPool } from '../../src/net/types.js';
import { startFaultRelay } from '../helpers/fault-relay.js';
import { ManualTimers } from '../helpers/manual-timers.js';
import { startRelay } from '../helpers/relay.js';
import { until } from '../helpers/until.js';

const spec = (url: string) => ({ url, read: true, write: true });

let pool: RelayPool | undefined;
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await pool?.close();
  pool = undefined;
  for (const stop of stops.splice(0)) await stop();
});

const state = () => pool!.status()[0]!.state;
const open = () => state() === 'connected' || state() === 'eose';

describe('the relay keep-alive', () => {
  it('closing the pool, with a ping answered or still unanswered, leaves no timer of it', async () => {
    const relay = await startRelay();
    stops.push(() => relay.stop());
    const pings = new ManualTimers();
    const after = vi.spyOn(pings, 'after');
    pool = createPool({ relays: [spec(relay.url)], pingTimers: pings });
    pool.subscribe([{ kinds: [1] }], { onevent() {} });
    await until(open, 'the connection');
    expect(pings.pending).toBe(1);

    // The ping, and the relay's pong: the wait for it is cancelled and the next ping set.
    pings.advance(PING_EVERY_MS);
    await until(() => after.mock.calls.length === 3, 'the pong');
    expect(after.mock.calls.map(([ms]) => ms)).toEqual([PING_EVERY_MS, PONG_WITHIN_MS, PING_EVERY_MS]);
    expect(pings.pending).toBe(1);
    pings.advance(PONG_WITHIN_MS);
    expect(open()).toBe(true);
    expect(relay.connections()).toBe(1);
    // Never what holds the process open, even if something forgot to cancel them.
    for (const call of after.mock.calls as unknown[][]) expect(call[2]).toEqual({ weak: true });

    // Closed while the next ping waits for its pong: nothing is left waiting.
    pings.advance(PING_EVERY_MS - PONG_WITHIN_MS);
    expect(after.mock.calls.length).toBe(4);
    await pool.close();
    expect(pings.pending).toBe(0);
  });

  it('a relay that stops answering pings is ended after 20 s and connected to again', async () => {
    const relay = await startFaultRelay({ pong: false, onReq: (req) => req.eose() });
    stops.push(() => relay.stop());
    const timers = new ManualTimers();
    const pings = new ManualTimers();
    pool = createPool({ relays: [spec(relay.url)], backoff: { baseMs: 1_000, maxMs: 1_000, random: () => 0 }, clock: timers, timers, pingTimers: pings });
    pool.subscribe([{ kinds: [1] }], { onevent() {} });
    await relay.waitFor((r) => r.message[0] === 'REQ');
    await until(open, 'the connection');

    pings.advance(PING_EVERY_MS + PONG_WITHIN_MS - 1);
    expect(open()).toBe(true);
    pings.advance(1);
    await until(() => state() === 'error', 'the silent connection ended');
    // The closed socket's keep-alive is gone with it.
    expect(pings.pending).toBe(0);
    timers.advance(1_000);
    await relay.waitFor((r) => r.conn === 1 && r.message[0] === 'REQ');
    expect(relay.accepted()).toBe(2);
    await until(() => pings.pending === 1, 'the new connection’s keep-alive');
  });
});
