// A window being answered remembers only the latest WINDOW_RECENT ids per relay and no events
// (issue #16 item 5): a Global window streams without end before EOSE, and every event of a
// 150,000-event flood was held by the window until then, past every other cap. A copy another
// relay sent first comes with its event while the pool remembers it (src/net/types.ts onseen).
// Driven by a scripted pool: the test plays the relays' handlers itself.
import type { Event } from 'nostr-tools';
import { describe, expect, it } from 'vitest';
import { fetchWindow, WINDOW_RECENT } from '../../src/client/window.js';
import type { RelayOutcome, RelayPool, SubscribeHandlers } from '../../src/net/types.js';

const hex = (n: number) => n.toString(16).padStart(64, '0');
const note = (n: number): Event => ({ id: hex(n), pubkey: hex(1), created_at: 1_700_000_000 - n, kind: 1, tags: [], content: '', sig: '0'.repeat(128) });
const A = 'ws://a.example';
const B = 'ws://b.example';

function scriptedPool(): { pool: RelayPool; handlers: () => SubscribeHandlers } {
  let subscribed: SubscribeHandlers | undefined;
  const pool = {
    subscribe(_filters: unknown, handlers: SubscribeHandlers) {
      subscribed = handlers;
      return { close() {} };
    },
  } as unknown as RelayPool;
  return { pool, handlers: () => subscribed! };
}

describe('a window being answered', () => {
  it(`counts every event a relay streams once, and another relay's copies of those the pool still remembers`, async () => {
    const { pool, handlers } = scriptedPool();
    const handed: string[] = [];
    const window = fetchWindow({
      pool,
      filters: [{ kinds: [1] }],
      relays: [A, B],
      stream: true,
      onevent: (event) => handed.push(event.id),
      onseen() {},
      boundary: () => undefined,
    });
    const h = handlers();
    const total = WINDOW_RECENT + 5;
    for (let n = 0; n < total; n++) h.onevent(note(n), A);
    // A repeats its newest event: counted once.
    h.onseen!(hex(total - 1), A, note(total - 1));
    // B sends copies of the first event (forgotten by the pool by now) and of the last two (remembered).
    h.onseen!(hex(0), B);
    for (const n of [total - 2, total - 1]) h.onseen!(hex(n), B, note(n));
    const outcome = (url: string): RelayOutcome => ({ url, eose: true, timedOut: false, events: 0 });
    h.oneose!(A, false);
    h.oneose!(B, false);
    h.onsettled!([outcome(A), outcome(B)]);
    const outcomes = await window.settled;
    expect(handed).toHaveLength(total);
    expect(outcomes.map((o) => [o.url, o.events])).toEqual([
      [A, total],
      [B, 2],
    ]);
    window.close();
  });
});
