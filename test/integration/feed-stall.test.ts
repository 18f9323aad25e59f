// A stalled relay costs one EOSE timeout per run, with time moved by hand:
// the first feed waits exactly the timeout for it; a feed opened later in the
// same run (sharing the run's `stalled` set) settles without waiting at all,
// and still takes what the relay may send later; a feed already waiting for it
// stops when another request finds it stalled.
import { generateSecretKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFeed } from '../../src/client/feed.js';
import { StalledRelays } from '../../src/client/stalled-relays.js';
import { createPool } from '../../src/net/pool.js';
import { signed, startFaultRelay, type FaultReq, type FaultRelay } from '../helpers/fault-relay.js';
import { ManualTimers } from '../helpers/manual-timers.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { until } from '../helpers/until.js';

const NOW = 1_700_000_000;
const sk = generateSecretKey();
const early = signed(sk, { created_at: NOW - 100, content: 'on the real relay' });
const late = signed(sk, { created_at: NOW - 50, content: 'sent late by the stalled relay' });

describe('a stalled relay and the run’s memory of it', () => {
  let real: TestRelay;
  let stalled: FaultRelay;
  const reqs: FaultReq[] = [];
  beforeAll(async () => {
    real = await startRelay();
    await real.seed(early);
    stalled = await startFaultRelay({ onReq: (req) => reqs.push(req) });
  });
  afterAll(async () => {
    await Promise.all([real?.stop(), stalled?.stop()]);
  });
  /** A pool over both relays, time moved by hand. */
  const poolOverBoth = () => {
    const timers = new ManualTimers(NOW * 1000);
    const relays = [real.url, stalled.url];
    const pool = createPool({ relays: relays.map((url) => ({ url, read: true, write: false })), clock: timers, timers, eoseTimeoutMs: 5_000 });
    return { timers, pool, relays };
  };

  it('waits once, then not again', async () => {
    const { timers, pool, relays } = poolOverBoth();
    const stalledSet = new StalledRelays();
    const filters = [{ kinds: [1], limit: 10 }];
    const first = openFeed({ pool, clock: timers, stalled: stalledSet }, filters, { relays, batchMs: 1 });
    let firstSettled = false;
    void first.settled.then(() => (firstSettled = true));
    await until(() => reqs.length === 1 && first.timeline.size === 1, 'both REQs answered or pending');
    timers.advance(4_999);
    await new Promise((r) => setImmediate(r));
    expect(firstSettled).toBe(false);
    timers.advance(1);
    const outcomes = await first.settled;
    expect(outcomes.map((o) => [o.url, o.eose, o.timedOut])).toEqual([
      [real.url, true, false],
      [stalled.url, false, true],
    ]);
    expect([...stalledSet]).toEqual([stalled.url]);

    // Opened later in the run: settled with no time passing, the stalled relay still asked.
    const second = openFeed({ pool, clock: timers, stalled: stalledSet }, filters, { relays, batchMs: 1 });
    const again = await second.settled;
    expect(again.map((o) => [o.url, o.eose, o.timedOut])).toEqual([
      [real.url, true, false],
      [stalled.url, false, true],
    ]);
    await until(() => reqs.length === 2, 'the stalled relay asked again');
    reqs[1]!.event(late);
    await until(() => second.timeline.size === 2, 'what the stalled relay sent later');
    first.close();
    second.close();
    await pool.close();
  });

  it('stops waiting when another request of the run finds the relay stalled, and still takes what it sends', async () => {
    const { timers, pool, relays } = poolOverBoth();
    const stalledSet = new StalledRelays();
    const asked = reqs.length;
    const feed = openFeed({ pool, clock: timers, stalled: stalledSet }, [{ kinds: [1], limit: 10 }], { relays, batchMs: 1 });
    await until(() => reqs.length === asked + 1 && feed.timeline.size >= 1, 'both REQs answered or pending');
    // No time passes: the follow-list lookup, say, timed the relay out on its own shorter wait.
    stalledSet.add(stalled.url);
    const outcomes = await feed.settled;
    expect(outcomes.map((o) => [o.url, o.eose, o.timedOut])).toEqual([
      [real.url, true, false],
      [stalled.url, false, true],
    ]);
    // Its REQ stays open: what it sends later still comes.
    reqs.at(-1)!.event(late);
    await until(() => feed.timeline.get(late.id) !== undefined, 'what the stalled relay sent later');
    feed.close();
    await pool.close();
  });
});
