// Issue #17: a relay's messages wait in an inbox and are handled in slices. What
// a relay sent before it closed still comes before the close: its events are
// handed on and its EOSE settles the REQ, even when thousands are still waiting
// (and the socket was paused for them) when the close arrives.
import { generateSecretKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import { createPool } from '../../src/net/pool.js';
import { PAUSE_ABOVE } from '../../src/net/relay.js';
import type { RelayPool } from '../../src/net/types.js';
import { signed, startFaultRelay, type FaultRelay } from '../helpers/fault-relay.js';

const NOW = 1_700_000_000;
const alice = generateSecretKey();

describe('a relay that sends a burst and closes at once', () => {
  let relay: FaultRelay | undefined;
  let pool: RelayPool | undefined;
  afterEach(async () => {
    await pool?.close();
    await relay?.stop();
  });

  it('has every message it sent handled before the close: the events, the copies, then EOSE', async () => {
    const events = Array.from({ length: 20 }, (_, i) => signed(alice, { created_at: NOW - i, content: `note ${i}` }));
    const copies = PAUSE_ABOVE * 2;
    relay = await startFaultRelay({
      onReq(req) {
        for (const event of events) req.event(event);
        for (let i = 0; i < copies; i++) req.event(events[i % events.length]!);
        req.eose();
        req.conn.drop();
      },
    });
    const url = relay.url;
    pool = createPool({ relays: [{ url, read: true, write: false }], clock: { now: () => NOW * 1000 } });
    const result = await pool.query([{ kinds: [1] }]);
    expect(result.events.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
    expect(result.relays).toEqual([{ url, eose: true, timedOut: false, events: events.length + copies }]);
    expect(pool.status()[0]!.counts).toMatchObject({ received: events.length, duplicates: copies, invalid: 0, malformed: 0 });
  });
});
