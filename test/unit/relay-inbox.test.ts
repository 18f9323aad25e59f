// Issue #17: a relay's messages wait in its inbox and are handled in slices
// (src/net/drain.ts), in the order the relay sent them (src/net/in-order.ts),
// and a relay far ahead of us is paused until its backlog is handled.
import { describe, expect, it } from 'vitest';
import { RecentSet } from '../../src/core/recent.js';
import { Drain, SLICE_MS, type Drainable } from '../../src/net/drain.js';
import { InOrder } from '../../src/net/in-order.js';
import { PAUSE_ABOVE, type RelaySub } from '../../src/net/relay.js';
import { bareRelay, numberedEvent } from '../helpers/bare-relay.js';
import { until } from '../helpers/until.js';

const event = numberedEvent;

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('Drain', () => {
  it('hands the event loop back between slices, so a timer fires long before a large backlog is handled', async () => {
    const total = 2_000;
    let handled = 0;
    const relay: Drainable = {
      handleNext() {
        if (handled === total) return false;
        busy(0.05); // 2,000 × 0.05 ms: 100 ms of work, more than ten slices
        handled++;
        return true;
      },
    };
    const drain = new Drain();
    drain.wake(relay);
    const atTimer = await new Promise<number>((resolve) => setTimeout(() => resolve(handled), 0));
    expect(atTimer).toBeGreaterThan(0);
    expect(atTimer).toBeLessThan(total);
    await until(() => handled === total, 'the rest of the backlog');
  });

  it('takes relays in turn, each in its own order', async () => {
    const seen: string[] = [];
    const relay = (name: string, count: number): Drainable => {
      let next = 0;
      return { handleNext: () => (next < count ? (seen.push(`${name}${next++}`), true) : false) };
    };
    const drain = new Drain();
    drain.wake(relay('a', 3));
    drain.wake(relay('b', 2));
    await until(() => seen.length === 5, 'both inboxes');
    expect(seen).toEqual(['a0', 'b0', 'a1', 'b1', 'a2']);
  });
});

describe('InOrder', () => {
  it('runs steps in the order they came, whatever order their checks finish in; a failed check skips its step', async () => {
    const ran: string[] = [];
    const order = new InOrder(() => ran.push('error'), () => {});
    let first!: (v: string) => void;
    let third!: (v: string) => void;
    let fourth!: (e: Error) => void;
    order.after(new Promise<string>((r) => (first = r)), (v) => ran.push(v));
    order.now(() => ran.push('second'));
    order.after(new Promise<string>((r) => (third = r)), (v) => ran.push(v));
    order.after(new Promise<string>((_, reject) => (fourth = reject)), () => ran.push('never'));
    order.now(() => ran.push('fifth'));
    third('third');
    fourth(new Error('check failed'));
    await new Promise((r) => setImmediate(r));
    expect(ran).toEqual([]);
    expect(order.size).toBe(5);
    first('first');
    await until(() => order.size === 0, 'every step');
    expect(ran).toEqual(['first', 'second', 'third', 'fifth']);
  });

  it('runs steps that became ready together in slices, giving timers a turn between them', async () => {
    const order = new InOrder(() => {}, () => {});
    let open!: () => void;
    order.after(new Promise<void>((r) => (open = r)), () => {});
    let ran = 0;
    const total = Math.ceil((SLICE_MS * 10) / 0.05);
    for (let i = 0; i < total; i++)
      order.now(() => {
        busy(0.05);
        ran++;
      });
    open();
    const atTimer = await new Promise<number>((resolve) => setTimeout(() => resolve(ran), 0));
    expect(atTimer).toBeGreaterThan(0);
    expect(atTimer).toBeLessThan(total);
    await until(() => ran === total, 'the remaining steps');
  });
});

describe('a relay far ahead of us', () => {
  it(`is paused past ${PAUSE_ABOVE} waiting messages and resumed once they are handled, every event handed on`, async () => {
    const relay = bareRelay();
    const socket = { paused: 0, resumed: 0, pause: () => socket.paused++, resume: () => socket.resumed++ };
    (relay as unknown as { ws: typeof socket }).ws = socket;
    let handed = 0;
    const sub: RelaySub = { id: 's', filters: [{ kinds: [1] }], delivered: new RecentSet(1_000), onevent: () => handed++, onseen() {}, oneose() {}, onclosed() {} };
    relay.req(sub);
    const total = PAUSE_ABOVE * 2;
    for (let n = 0; n < total; n++) relay._onmessage({ data: JSON.stringify(['EVENT', 's', event(n)]) } as MessageEvent);
    expect(handed).toBe(0);
    expect(socket).toMatchObject({ paused: 1, resumed: 0 });
    await until(() => handed === total, 'every event');
    expect(socket).toMatchObject({ paused: 1, resumed: 1 });
  });
});
