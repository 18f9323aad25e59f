// Issue #16 item 5: a subscription's set of delivered ids grew with every event a relay streamed.
// It is capped at MAX_DELIVERED_IDS, oldest forgotten. Driven through PoolRelay's message handler
// with a verifier that accepts everything (the cap, not the signatures, is under test).
import type { Event } from 'nostr-tools';
import { describe, expect, it } from 'vitest';
import { emptyCounts } from '../../src/net/connection.js';
import { Drain } from '../../src/net/drain.js';
import { MAX_DELIVERED_IDS, PoolRelay, type RelaySub } from '../../src/net/relay.js';
import { VerifiedEvents } from '../../src/net/verified-events.js';

const hex = (n: number) => n.toString(16).padStart(64, '0');
const event = (n: number): Event => ({ id: hex(n), pubkey: hex(1), created_at: 1_700_000_000 - n, kind: 1, tags: [], content: '', sig: '0'.repeat(128) });

describe('delivered ids per subscription', () => {
  it(`a relay streaming ${MAX_DELIVERED_IDS + 10} events leaves at most ${MAX_DELIVERED_IDS} ids remembered`, () => {
    const acceptAll = { name: 'accept-all', verify: () => true, close() {} };
    const relay = new PoolRelay('ws://127.0.0.1:1', {
      verified: new VerifiedEvents(acceptAll),
      drain: new Drain(),
      counts: emptyCounts(),
      WebSocket: class {} as unknown as typeof WebSocket,
      now: () => 1_700_000_000,
      onchange() {},
      onnotice() {},
      onauth() {},
    });
    let handed = 0;
    const sub: RelaySub = {
      id: 's',
      filters: [{ kinds: [1] }],
      delivered: new Set(),
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
