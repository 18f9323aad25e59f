// Issue #16 item 5: a subscription's set of delivered ids grew with every event a relay streamed.
// It is capped at MAX_DELIVERED_IDS, oldest forgotten. Driven through PoolRelay's message handler
// with a verifier that accepts everything (the cap, not the signatures, is under test).
import { describe, expect, it } from 'vitest';
import { RecentSet } from '../../src/core/recent.js';
import { MAX_DELIVERED_IDS, type RelaySub } from '../../src/net/relay.js';
import { bareRelay, numberedEvent, numberedId } from '../helpers/bare-relay.js';

const hex = numberedId;
const event = numberedEvent;

describe('delivered ids per subscription', () => {
  it(`a relay streaming ${MAX_DELIVERED_IDS + 10} events leaves at most ${MAX_DELIVERED_IDS} ids remembered`, () => {
    const relay = bareRelay();
    let handed = 0;
    const sub: RelaySub = {
      id: 's',
      filters: [{ kinds: [1] }],
      // As the pool makes it (src/net/pool.ts).
      delivered: new RecentSet(MAX_DELIVERED_IDS),
      onevent: () => handed++,
      onseen() {},
      oneose() {},
      onclosed() {},
    };
    relay.req(sub); // not connected: nothing is sent, but the subscription is known
    for (let n = 0; n < MAX_DELIVERED_IDS + 10; n++) relay._onmessage({ data: JSON.stringify(['EVENT', 's', event(n)]) } as MessageEvent);
    relay.handleInbox();
    expect(handed).toBe(MAX_DELIVERED_IDS + 10);
    expect(sub.delivered.size).toBe(MAX_DELIVERED_IDS);
    expect(sub.delivered.has(hex(0))).toBe(false);
    expect(sub.delivered.has(hex(MAX_DELIVERED_IDS + 9))).toBe(true);
  }, 60_000);
});
