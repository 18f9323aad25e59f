// A long thread on a relay that caps its answers at 10: every reply is
// fetched, page by page, not the first 10. A relay that stalled earlier in the
// run is not waited for.
import { generateSecretKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StalledRelays } from '../../src/client/stalled-relays.js';
import { fetchThread } from '../../src/client/thread.js';
import { replyTemplate } from '../../src/core/interactions.js';
import { buildThread } from '../../src/core/thread.js';
import { createPool } from '../../src/net/pool.js';
import { startCappedRelay } from '../helpers/capped-relay.js';
import { signed, startFaultRelay, type FaultRelay } from '../helpers/fault-relay.js';
import { ManualTimers } from '../helpers/manual-timers.js';

const NOW = 1_700_000_000;
const sk = generateSecretKey();
const root = signed(sk, { created_at: NOW - 10_000, content: 'root' });
const replies = Array.from({ length: 35 }, (_, i) => signed(sk, { ...replyTemplate(`reply ${i}`, root, NOW - 9_000 + i * 10) }));

describe('a thread longer than a relay’s cap', () => {
  let capped: FaultRelay;
  beforeAll(async () => {
    capped = await startCappedRelay([root, ...replies], 10);
  });
  afterAll(async () => {
    await capped?.stop();
  });

  it('fetches all of its replies', async () => {
    const pool = createPool({ relays: [{ url: capped.url, read: true, write: false }] });
    const { events } = await fetchThread(pool, replies[20]!);
    expect(buildThread(replies[20]!.id, events).map((r) => r.event.content)).toEqual(['root', ...replies.map((r) => r.content)]);
    await pool.close();
  });

  it('is not held by a relay that stalled earlier in the run', async () => {
    // Takes every request and never answers.
    const silent = await startFaultRelay({});
    // Time never moves: a wait for the silent relay would never end.
    const timers = new ManualTimers(NOW * 1000);
    const relays = [capped.url, silent.url];
    const pool = createPool({ relays: relays.map((url) => ({ url, read: true, write: false })), clock: timers, timers, eoseTimeoutMs: 5_000 });
    try {
      const { events } = await fetchThread(pool, replies[20]!, { relays, stalled: new StalledRelays().add(silent.url) });
      expect(buildThread(replies[20]!.id, events).map((r) => r.event.content)).toEqual(['root', ...replies.map((r) => r.content)]);
    } finally {
      await pool.close();
      await silent.stop();
    }
  });

  it('remembers a relay that stalls on it', async () => {
    const silent = await startFaultRelay({});
    const relays = [capped.url, silent.url];
    const pool = createPool({ relays: relays.map((url) => ({ url, read: true, write: false })), eoseTimeoutMs: 300 });
    try {
      const stalled = new StalledRelays();
      const { events } = await fetchThread(pool, replies[20]!, { relays, stalled });
      expect(events).toHaveLength(36);
      expect([...stalled]).toEqual([silent.url]);
    } finally {
      await pool.close();
      await silent.stop();
    }
  });
});
