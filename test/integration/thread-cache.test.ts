// The thread behind Enter and `nostr-tui thread` (src/client/thread.ts), through the UI's real
// services and cache, on real relays: the cache's part comes at once and stays when no relay
// answers; a deletion request only the cache holds, and an expiration passed by the app's clock
// (not the relay's), leave a reply out; the note asked for stays whatever became of it.
import { finalizeEvent, generateSecretKey, getPublicKey, type Event } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildThread } from '../../src/core/thread.js';
import { realServices } from '../helpers/real-services.js';
import { closedPort, startRelay, type TestRelay } from '../helpers/relay.js';

const NOW = Math.floor(Date.now() / 1000);
const [alice, bob, carol] = [1, 2, 3].map(() => generateSecretKey()) as [Uint8Array, Uint8Array, Uint8Array];
const sign = (key: Uint8Array, kind: number, content: string, ago: number, tags: string[][] = []): Event =>
  finalizeEvent({ kind, created_at: NOW - ago, tags, content }, key);
const reply = (key: Uint8Array, content: string, ago: number, root: Event, parent?: Event, more: string[][] = []) =>
  sign(key, 1, content, ago, [['e', root.id, '', 'root'], ...(parent ? [['e', parent.id, '', 'reply']] : []), ['p', (parent ?? root).pubkey], ...more]);

const root = sign(alice, 1, 'root', 600);
const first = reply(bob, 'first', 500, root);
const nested = reply(carol, 'nested', 400, root, first);
const deleted = reply(carol, 'deleted by carol', 300, root);
// Expires 100 s from now by the wall clock (the relay keeps and serves it), but the app's clock is 200 s ahead.
const expiring = reply(bob, 'expiring', 200, root, undefined, [['expiration', String(NOW + 100)]]);
const layout = (focus: Event, events: Event[]) => buildThread(focus.id, events).map((row) => `${'  '.repeat(row.depth)}${row.event.content}`);

describe('a thread from the cache and the relays', () => {
  let relay: TestRelay;
  beforeAll(async () => {
    relay = await startRelay();
    await relay.seed(root, first, nested, deleted, expiring);
  });
  afterAll(async () => {
    await relay?.stop();
  });

  it('the cache gives a reply its root and nested replies at once; with no relay answering, they are the thread', async () => {
    const run = realServices({ pubkey: getPublicKey(generateSecretKey()), relays: [await closedPort()], nowSec: NOW, prefix: 'nostr-tui-thread-cache-' });
    try {
      run.client.store().events.putMany([root, first, nested]);
      expect(layout(first, run.services.cachedThread!(first))).toEqual(['root', '  first', '    nested']);
      const fetched = await run.services.fetchThread(first);
      expect(layout(first, fetched.events)).toEqual(['root', '  first', '    nested']);
      expect(fetched.relays.map((outcome) => outcome.eose)).toEqual([false]);
    } finally {
      await run.close();
    }
  });

  it('leaves out a reply whose deletion request only the cache holds, and one expired by the app’s clock', async () => {
    const run = realServices({ pubkey: getPublicKey(generateSecretKey()), relays: [relay.url], nowSec: NOW + 200, prefix: 'nostr-tui-thread-withdrawn-' });
    try {
      // Carol's request reached the cache earlier (another relay, another run); this relay never heard of it.
      run.client.store().events.putMany([sign(carol, 5, '', 100, [['e', deleted.id], ['k', '1']])]);
      const fetched = await run.services.fetchThread(root);
      expect(layout(root, fetched.events)).toEqual(['root', '  first', '    nested']);
      expect(fetched.relays.map((outcome) => outcome.eose)).toEqual([true]);
      // Opened on the deleted reply itself, the reader sees what they asked for.
      expect((await run.services.fetchThread(deleted)).events.map((event) => event.content)).toContain('deleted by carol');
    } finally {
      await run.close();
    }
  });
});
