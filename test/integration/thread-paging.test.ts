// A long thread on a relay that caps its answers at 10: every reply is
// fetched, page by page, not the first 10.
import { generateSecretKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchThread } from '../../src/client/thread.js';
import { replyTemplate } from '../../src/core/interactions.js';
import { buildThread } from '../../src/core/thread.js';
import { createPool } from '../../src/net/pool.js';
import { startCappedRelay } from '../helpers/capped-relay.js';
import { signed, type FaultRelay } from '../helpers/fault-relay.js';

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
    const events = await fetchThread(pool, replies[20]!);
    expect(buildThread(replies[20]!.id, events).map((r) => r.event.content)).toEqual(['root', ...replies.map((r) => r.content)]);
    await pool.close();
  });
});
