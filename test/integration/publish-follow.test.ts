// The client services behind `post` and `follow`, in process, against real relays.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Event } from 'nostr-tools';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, type Client } from '../../src/client/client.js';
import { currentFollows, follow, unfollow } from '../../src/client/follows.js';
import { publishEvent } from '../../src/client/publish.js';
import { noteTemplate } from '../../src/core/events.js';
import { ConfigStore } from '../../src/store/config.js';
import { KeyStore } from '../../src/store/keys.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { manualClock } from '../helpers/store.js';

let relayA: TestRelay;
let relayB: TestRelay;
const clients: Client[] = [];

beforeAll(async () => {
  [relayA, relayB] = await Promise.all([startRelay(), startRelay()]);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});
afterAll(async () => {
  await Promise.all([relayA?.stop(), relayB?.stop()]);
});

const NOW = 1_800_000_000;
const someone = () => getPublicKey(generateSecretKey());

function setup(relays: string[], opts: { WebSocket?: typeof globalThis.WebSocket; withKey?: boolean } = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-client-'));
  const paths = { configDir: home, dataDir: path.join(home, 'data') };
  const secretKey = generateSecretKey();
  const pubkey = getPublicKey(secretKey);
  if (opts.withKey !== false) new KeyStore(home).save({ pubkey, secret: { type: 'plain', secretKey } });
  const clock = manualClock(NOW * 1000);
  const client = createClient({
    paths,
    env: {},
    clock,
    relayOverride: relays,
    ...(opts.WebSocket ? { WebSocket: opts.WebSocket } : {}),
  });
  clients.push(client);
  return { client, secretKey, pubkey, clock };
}

describe('publishEvent', () => {
  it('saves the signed event to the outbox before anything is sent, then records each result', async () => {
    const seenInOutbox: boolean[] = [];
    let client: Client;
    // Looks at the outbox at the moment the EVENT frame leaves for the relay.
    class WatchingSocket extends WebSocket {
      override send(data: unknown, ...rest: unknown[]): void {
        if (typeof data === 'string' && data.startsWith('["EVENT"')) {
          const id = (JSON.parse(data) as [string, Event])[1].id;
          seenInOutbox.push(client.store().outbox.pending().some((entry) => entry.event.id === id));
        }
        (super.send as (...args: unknown[]) => void)(data, ...rest);
      }
    }
    ({ client } = setup([relayA.url], { WebSocket: WatchingSocket as unknown as typeof globalThis.WebSocket }));
    const { event, results } = await publishEvent(client, noteTemplate('saved first', NOW));
    expect(seenInOutbox).toEqual([true]);
    expect(results).toEqual([expect.objectContaining({ url: relayA.url, ok: true, outcome: 'accepted' })]);
    // Accepted: no longer pending, and the local copy is in the cache.
    expect(client.store().outbox.pending()).toEqual([]);
    expect(client.store().events.has(event.id)).toBe(true);
    expect(await relayA.find({ ids: [event.id] })).toHaveLength(1);
  });

  it('with no write relay, fails before signing anything', async () => {
    const { client } = setup([]);
    new ConfigStore(client.paths.configDir).setRelays([{ url: relayA.url, read: true, write: false }]);
    await expect(publishEvent(client, noteTemplate('x', NOW))).rejects.toThrow(/no write relays/);
    expect(fs.existsSync(path.join(client.paths.dataDir, 'nostr-tui.db'))).toBe(false);
  });
});

describe('follow lists', () => {
  it('starts from the newest list whichever relay holds it, and keeps it exactly', async () => {
    for (const [newestOn, olderOn] of [[() => relayA, () => relayB], [() => relayB, () => relayA]] as const) {
      const { client, secretKey, pubkey } = setup([relayA.url, relayB.url]);
      const [x, y, z] = [someone(), someone(), someone()];
      const older = finalizeEvent({ kind: 3, created_at: NOW - 100, tags: [['p', x]], content: '' }, secretKey);
      const newest = finalizeEvent({ kind: 3, created_at: NOW - 10, tags: [['p', x, 'wss://r.example', 'x'], ['p', y], ['client', 'c']], content: 'c' }, secretKey);
      await olderOn().seed(older);
      await newestOn().seed(newest);
      const change = await follow(client, z);
      expect(change.changed).toBe(true);
      expect(change.event).toMatchObject({ kind: 3, created_at: NOW, tags: [...newest.tags, ['p', z]], content: 'c' });
      expect(change.results.map((result) => result.ok)).toEqual([true, true]);
      expect((await currentFollows(client)).entries.map((entry) => entry.pubkey)).toEqual([x, y, z]);
      for (const relay of [relayA, relayB]) expect((await relay.find({ kinds: [3], authors: [pubkey] }))[0]!.id).toBe(change.event!.id);
    }
  });

  it('edits in the same second each get a later created_at, so none is lost', async () => {
    const { client, pubkey } = setup([relayA.url]);
    const [x, y] = [someone(), someone()];
    const first = await follow(client, x);
    const second = await follow(client, y);
    const third = await unfollow(client, x);
    expect([first.event!.created_at, second.event!.created_at, third.event!.created_at]).toEqual([NOW, NOW + 1, NOW + 2]);
    expect((await relayA.find({ kinds: [3], authors: [pubkey] }))[0]!.tags).toEqual([['p', y]]);
  });

  it('a local copy newer than what the relays hold is the starting point', async () => {
    const { client, secretKey } = setup([relayA.url]);
    const [x, y] = [someone(), someone()];
    await relayA.seed(finalizeEvent({ kind: 3, created_at: NOW - 100, tags: [], content: '' }, secretKey));
    // As if the last edit was signed but no relay took it.
    client.store().events.put(finalizeEvent({ kind: 3, created_at: NOW - 5, tags: [['p', x]], content: '' }, secretKey));
    const change = await follow(client, y);
    expect(change.event!.tags).toEqual([['p', x], ['p', y]]);
  });

  it('no-ops for yourself, someone already followed, and unfollowing a stranger', async () => {
    const { client, pubkey } = setup([relayA.url]);
    const x = someone();
    expect((await follow(client, pubkey)).unchanged).toBe('self');
    await follow(client, x);
    expect((await follow(client, x)).unchanged).toBe('already-following');
    expect((await unfollow(client, someone())).unchanged).toBe('not-following');
  });
});
