// A request is a plan: each relay gets its own filters (the shape an outbox
// router produces), settles on its own, and is reported once through the
// pool's one outcome hook. A connection the user never listed is let go once idle.
import type { Event, Filter } from 'nostr-tools';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../src/net/pool.js';
import type { RelayOutcome, RelayPool, RelayRole } from '../../src/net/types.js';
import { signed, startFaultRelay, type FaultRelay, type FaultReq } from '../helpers/fault-relay.js';
import { ManualTimers } from '../helpers/manual-timers.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { until } from '../helpers/until.js';

const NOW = 1_700_000_000;
const alice = generateSecretKey();
const bob = generateSecretKey();
const ALICE = getPublicKey(alice);
const BOB = getPublicKey(bob);

describe('a plan-shaped request', () => {
  let real: TestRelay;
  let stalled: FaultRelay;
  const stalledReqs: FaultReq[] = [];
  const aliceNote = signed(alice, { created_at: NOW - 10, content: 'alice on her relay' });
  const bobNote = signed(bob, { created_at: NOW - 9, content: 'bob on the real relay' });
  let pool: RelayPool | undefined;

  beforeAll(async () => {
    real = await startRelay();
    await real.seed(aliceNote, bobNote);
    // Answers with one event and never sends EOSE.
    stalled = await startFaultRelay({
      onReq(req) {
        stalledReqs.push(req);
        req.event(aliceNote);
      },
    });
  });
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });
  afterAll(async () => {
    await Promise.all([real?.stop(), stalled?.stop()]);
  });

  it('sends each relay only its own filters; one settles with EOSE, the other times out, each reported once', async () => {
    const timers = new ManualTimers(NOW * 1000);
    const reported: Array<{ outcome: RelayOutcome; filters: Filter[]; role: RelayRole }> = [];
    pool = createPool({
      relays: [{ url: real.url, read: true, write: true }],
      clock: timers,
      timers,
      onOutcome: (outcome, filters, role) => reported.push({ outcome, filters, role }),
    });
    const toReal: Filter[] = [{ authors: [BOB], kinds: [1] }];
    const toStalled: Filter[] = [{ authors: [ALICE], kinds: [1] }];
    const got: Event[] = [];
    let settled: RelayOutcome[] | undefined;
    pool.request(
      [
        { relay: real.url, filters: toReal },
        { relay: stalled.url, filters: toStalled, role: 'outbox' },
      ],
      { onevent: (event) => got.push(event), onsettled: (outcomes) => (settled = outcomes) },
      { eoseTimeoutMs: 1_000 },
    );
    await until(() => got.length === 2 && reported.length === 1, 'both events and the real relay’s EOSE');
    // Bob's note came only from the real relay (only it was asked for Bob), Alice's only from hers.
    expect(got.map((e) => e.id).sort()).toEqual([aliceNote.id, bobNote.id].sort());
    expect(stalledReqs.at(-1)!.filters).toEqual(toStalled);
    expect(reported).toEqual([{ outcome: { url: real.url, eose: true, timedOut: false, events: 1 }, filters: toReal, role: 'user' }]);
    expect(settled).toBeUndefined();

    timers.advance(999);
    expect(settled).toBeUndefined();
    timers.advance(1);
    expect(settled).toEqual([
      { url: real.url, eose: true, timedOut: false, events: 1 },
      { url: stalled.url, eose: false, timedOut: true, events: 1 },
    ]);
    expect(reported[1]).toEqual({
      outcome: { url: stalled.url, eose: false, timedOut: true, events: 1 },
      filters: toStalled,
      role: 'outbox',
    });
    expect(reported).toHaveLength(2);
    // The header counts connections by why they exist.
    expect(pool.status().map((s) => [s.url, s.roles])).toEqual([
      [real.url, ['user']],
      [stalled.url, ['outbox']],
    ]);
  });

  it('a relay named twice in a plan gets one REQ with the filters of both', async () => {
    pool = createPool({ relays: [] });
    const before = stalledReqs.length;
    const first: Filter = { authors: [ALICE], kinds: [1] };
    const second: Filter = { authors: [BOB], kinds: [1] };
    const sub = pool.request(
      [
        { relay: stalled.url, filters: [first] },
        { relay: stalled.url, filters: [second] },
      ],
      { onevent: () => {} },
    );
    await until(() => stalledReqs.length === before + 1, 'one REQ');
    expect(stalledReqs.at(-1)!.filters).toEqual([first, second]);
    sub.close();
  });

  it('fetch answers a plan once; a relay outside the user’s list is closed after it has been idle', async () => {
    const timers = new ManualTimers(NOW * 1000);
    pool = createPool({ relays: [], clock: timers, timers, idleCloseMs: 5_000 });
    const result = await pool.fetch([{ relay: real.url, filters: [{ authors: [BOB] }], role: 'discovery' }]);
    expect(result.events.map((e) => e.id)).toEqual([bobNote.id]);
    expect(pool.status().map((s) => s.url)).toEqual([real.url]);
    await until(() => timers.pending > 0, 'the idle timer');
    timers.advance(4_999);
    expect(pool.status().map((s) => s.url)).toEqual([real.url]);
    timers.advance(1);
    expect(pool.status()).toEqual([]);
  });
});
