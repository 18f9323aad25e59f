// A relay connection we close (src/net/relay.ts closeWithin): an idle relay gets the close
// handshake, bounded by the grace; a relay still ahead of us is ended at once, since its answer
// to the close waits behind everything it sent (a quit in the middle of a burst waited out the
// whole grace); and nothing it sends after the close is handled.
import { describe, expect, it, vi } from 'vitest';
import { RecentSet } from '../../src/core/recent.js';
import { PAUSE_ABOVE, type PoolRelay, type RelaySub } from '../../src/net/relay.js';
import { bareRelay, numberedEvent } from '../helpers/bare-relay.js';
import { ManualTimers } from '../helpers/manual-timers.js';

/** A socket standing in for ws's: what was asked of it. */
function socketOf(relay: PoolRelay) {
  const socket = { readyState: 1, paused: 0, closed: 0, terminated: 0, pause: () => socket.paused++, resume() {}, close: () => socket.closed++, terminate: () => socket.terminated++ };
  (relay as unknown as { ws: typeof socket }).ws = socket;
  return socket;
}

function subscribed(relay: PoolRelay) {
  const handed: string[] = [];
  const sub: RelaySub = { id: 's', filters: [{ kinds: [1] }], delivered: new RecentSet(10_000), onevent: (e) => handed.push(e.id), onseen() {}, oneose() {}, onclosed() {} };
  relay.req(sub);
  return handed;
}

const send = (relay: PoolRelay, n: number) => relay._onmessage({ data: JSON.stringify(['EVENT', 's', numberedEvent(n)]) } as MessageEvent);

describe('a relay closed by us', () => {
  it('when idle, is asked to close and ended only once the grace runs out (a weak timer)', () => {
    const relay = bareRelay();
    const socket = socketOf(relay);
    const timers = new ManualTimers();
    const after = vi.spyOn(timers, 'after');
    relay.closeWithin(1_000, timers);
    expect(socket).toMatchObject({ closed: 1, terminated: 0 });
    expect(after).toHaveBeenCalledWith(1_000, expect.any(Function), { weak: true });
    timers.advance(999);
    expect(socket.terminated).toBe(0);
    timers.advance(1);
    expect(socket.terminated).toBe(1);
  });

  it('when paused far ahead of us, is ended at once: its answer to the close waits behind all it sent', () => {
    const relay = bareRelay();
    const socket = socketOf(relay);
    const handed = subscribed(relay);
    for (let n = 0; n <= PAUSE_ABOVE; n++) send(relay, n);
    expect(socket.paused).toBe(1);
    const timers = new ManualTimers();
    relay.closeWithin(1_000, timers);
    expect(socket.terminated).toBe(1);
    expect(timers.pending).toBe(0);
    expect(handed).toEqual([]);
  });

  it('with messages still waiting (not paused), is ended at once too', () => {
    const relay = bareRelay();
    const socket = socketOf(relay);
    subscribed(relay);
    send(relay, 1);
    expect(socket.paused).toBe(0);
    relay.closeWithin(1_000, new ManualTimers());
    expect(socket.terminated).toBe(1);
  });

  it('handles nothing that arrives after the close', async () => {
    const relay = bareRelay();
    socketOf(relay);
    const handed = subscribed(relay);
    relay.closeWithin(1_000, new ManualTimers());
    send(relay, 1);
    expect(relay.messages).toBe(0);
    expect(relay.handleNext()).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(handed).toEqual([]);
  });
});
