// Issue #16, the network items: a future-dated note must never move a resubscription's `since`
// (item 3), a relay that accepts and closes at once must not be hammered, and AUTH signatures
// are capped (item 6), a half-sent frame must not hold the exit (item 7). Fault relays on
// loopback; time moved by hand (ManualTimers) wherever a timer decides.
import type { Event, Filter } from 'nostr-tools';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import { createPool } from '../../src/net/pool.js';
import type { RelayPool } from '../../src/net/types.js';
import { signed, startFaultRelay, type FaultRelay } from '../helpers/fault-relay.js';
import { ManualTimers } from '../helpers/manual-timers.js';
import { startTrickleRelay } from '../helpers/trickle-relay.js';
import { until } from '../helpers/until.js';
import { countingSigner } from '../helpers/counting-signer.js';

const NOW = 1_700_000_000;
const TEN_YEARS = 10 * 365 * 86_400;
const alice = generateSecretKey();
const ALICE = getPublicKey(alice);
const spec = (url: string) => ({ url, read: true, write: true });

let pool: RelayPool | undefined;
const stops: Array<() => Promise<void>> = [];
async function fault(script: Parameters<typeof startFaultRelay>[0]): Promise<FaultRelay> {
  const relay = await startFaultRelay(script);
  stops.push(() => relay.stop());
  return relay;
}
afterEach(async () => {
  await pool?.close();
  pool = undefined;
  for (const stop of stops.splice(0)) await stop();
});

/** What a real relay sends for a REQ: the stored events that match its filters (NIP-01 since/until). */
const matching = (stored: Event[], filters: Filter[]) =>
  stored.filter((e) => filters.some((f) => (f.since === undefined || e.created_at >= f.since) && (f.until === undefined || e.created_at <= f.until)));

describe('a note dated ten years ahead (item 3)', () => {
  it('does not move the resubscription after a reconnect: notes written later still arrive', async () => {
    const future = signed(alice, { created_at: NOW + TEN_YEARS, content: 'from the future' });
    const first = signed(alice, { created_at: NOW - 50, content: 'first' });
    const later = signed(alice, { created_at: NOW - 5, content: 'written after the drop' });
    const stored = [future, first];
    const relay = await fault({
      onReq(req) {
        for (const event of matching(stored, req.filters)) req.event(event);
        req.eose();
      },
    });
    const timers = new ManualTimers(NOW * 1000);
    pool = createPool({ relays: [spec(relay.url)], backoff: { baseMs: 1_000, maxMs: 60_000, random: () => 0 }, clock: timers, timers });
    const got: Event[] = [];
    const sub = pool.subscribe([{ authors: [ALICE], since: NOW - 100 }], { onevent: (e) => got.push(e) });
    await until(() => got.length === 2, 'the first two events');

    stored.push(later);
    relay.dropAll();
    await until(() => pool!.status()[0]!.state === 'error', 'the drop noticed');
    timers.advance(60_000);
    const req = await relay.waitFor((r) => r.conn === 1 && r.message[0] === 'REQ');
    // `since` is the newest event at most now + the allowed skew (15 min), never the future note's date.
    expect((req.message[2] as Filter).since).toBe(NOW - 50);
    await until(() => got.some((e) => e.id === later.id), 'the note written after the drop');
    sub.close();
  });
});

/** Moves hand-driven time in steps, letting each reconnect it starts reach the relay and fail. */
async function runFor(timers: ManualTimers, pool: RelayPool, ms: number, step = 250): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    timers.advance(step);
    if (pool.status()[0]!.state === 'connecting') await until(() => pool.status()[0]!.state !== 'connecting', 'the reconnect to end');
    if (pool.status()[0]!.state === 'connected') await until(() => pool.status()[0]!.state === 'error', 'the relay to close it', 2_000).catch(() => {});
  }
}

describe('reconnect storm (item 6)', () => {
  it('a relay that accepts and closes at once is retried with growing delays, not every second', async () => {
    const relay = await fault({ onConnect: (conn) => conn.drop() });
    const timers = new ManualTimers(NOW * 1000);
    pool = createPool({ relays: [spec(relay.url)], backoff: { baseMs: 1_000, maxMs: 60_000, random: () => 0 }, clock: timers, timers });
    const sub = pool.subscribe([{ authors: [ALICE] }], { onevent: () => {} });
    await until(() => pool!.status()[0]!.state === 'error', 'the first drop');
    await runFor(timers, pool, 10 * 60_000);
    // Delays 0.5, 1, 2, 4, 8, 16 s, then 30 s (random 0, a 60 s ceiling): about 25 in ten minutes,
    // where the open resetting the backoff made it 1,200.
    expect(relay.accepted()).toBeLessThanOrEqual(30);
    expect(relay.accepted()).toBeGreaterThanOrEqual(20);
    sub.close();
  }, 60_000);

  it('a connection that stayed up 30 s and delivered resets the backoff', async () => {
    const note = signed(alice, { created_at: NOW - 5, content: 'hello' });
    // Connections 0-4 close at once; 5 serves a note and stays until the test closes it.
    const relay = await fault({
      onConnect: (conn) => conn.index < 5 && conn.drop(),
      onReq: (req) => {
        req.event(note);
        req.eose();
      },
    });
    const timers = new ManualTimers(NOW * 1000);
    pool = createPool({ relays: [spec(relay.url)], backoff: { baseMs: 1_000, maxMs: 60_000, random: () => 0 }, clock: timers, timers });
    const got: Event[] = [];
    const sub = pool.subscribe([{ authors: [ALICE] }], { onevent: (e) => got.push(e) });
    await until(() => relay.accepted() === 1 && pool!.status()[0]!.state === 'error', 'the first drop');
    // 0.5 + 1 + 2 + 4 + 8 s of backoff bring connection 5.
    await runFor(timers, pool, 15_500);
    await until(() => got.length === 1, 'the note from the sixth connection');
    expect(relay.accepted()).toBe(6);
    timers.advance(30_000);
    relay.dropAll();
    await until(() => pool!.status()[0]!.state === 'error', 'the drop');
    // Reset: the first delay again (500 ms), not the sixth (16 s).
    timers.advance(499);
    expect(pool.status()[0]!.state).toBe('error');
    timers.advance(1);
    expect(pool.status()[0]!.state).toBe('connecting');
    sub.close();
  }, 60_000);

  it(`a relay asking AUTH on every connection gets at most 20 signatures an hour`, async () => {
    let challenges = 0;
    const relay = await fault({
      onConnect: (conn) => conn.send(['AUTH', `challenge-${challenges++}`]),
      onAuth: (_event, conn) => conn.drop(),
    });
    const signer = countingSigner(alice);
    const timers = new ManualTimers(NOW * 1000);
    pool = createPool({ relays: [spec(relay.url)], signer, backoff: { baseMs: 1_000, maxMs: 4_000, random: () => 0 }, clock: timers, timers });
    const sub = pool.subscribe([{ authors: [ALICE] }], { onevent: () => {} });
    await until(() => signer.signed === 1, 'the first AUTH');
    const status = () => pool!.status()[0]!;
    for (let t = 0; t < 60 * 60_000 - 60_000; t += 1_000) {
      timers.advance(1_000);
      // Each reconnect: the challenge, then the signature and the drop, or the refusal to sign.
      if (status().state === 'connecting') await until(() => status().state !== 'connecting', 'the reconnect');
      if (status().state === 'connected') await until(() => status().state === 'error' || (signer.signed === 20 && challenges === 21), 'the drop after AUTH');
    }
    expect(signer.signed).toBe(20);
    await until(() => relay.received.filter((r) => r.message[0] === 'AUTH').length >= 20, 'the twentieth AUTH');
    expect(relay.received.filter((r) => r.message[0] === 'AUTH')).toHaveLength(20);
    // The relay keeps asking: the connection after the twentieth stays up, unanswered.
    expect(challenges).toBe(21);
    sub.close();
  }, 120_000);
});


describe('a half-sent frame (item 7)', () => {
  it('closing the pool destroys the socket at once, whatever the relay is still sending', async () => {
    const relay = await startTrickleRelay();
    stops.push(() => relay.stop());
    const timers = new ManualTimers(NOW * 1000);
    pool = createPool({ relays: [spec(relay.url)], clock: timers, timers });
    pool.subscribe([{ authors: [ALICE] }], { onevent: () => {} });
    await relay.started;
    await pool.close();
    // No time moved: nothing waits for the close frame queued behind a frame that never ends.
    expect(timers.pending).toBe(0);
    await until(() => relay.clientGone(), 'the socket destroyed', 2_000);
  });
});
