// A relay URL holding the user's own secret key, named by someone else (their NIP-65 relay list,
// their NIP-17 DM relay list, a hint), is never connected to: connecting would send the secret to
// DNS and to that relay. Proven against a fault relay that only counts who connects (its only
// address is the one holding the secret); the rest of each plan works against real relays.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nsecEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { bytesToHex } from 'nostr-tools/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../src/client/client.js';
import { fetchDmRelays } from '../../src/client/dm-relays.js';
import { publishEvent } from '../../src/client/publish.js';
import { createRouter } from '../../src/client/router.js';
import { createPool } from '../../src/net/pool.js';
import { ConfigStore } from '../../src/store/config.js';
import { KeyStore } from '../../src/store/keys.js';
import { startFaultRelay, type FaultRelay } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';

const NOW = Math.floor(Date.now() / 1000);
const me = generateSecretKey();
const bob = generateSecretKey();
const BOB = getPublicKey(bob);
const bobNote = finalizeEvent({ kind: 1, created_at: NOW - 10, tags: [], content: 'bob writes' }, bob);

describe('a relay URL holding the user’s secret key', () => {
  let mine: TestRelay;
  let bobs: TestRelay;
  let trap: FaultRelay;
  let trapUrl: string;
  let home: string;
  let client: Client;

  beforeAll(async () => {
    [mine, bobs] = await Promise.all([startRelay(), startRelay()]);
    trap = await startFaultRelay({ onReq: (req) => req.eose() });
    trapUrl = `${trap.url}/?k=${bytesToHex(me)}`;
    await bobs.seed(bobNote);
    // Bob's lists name the trap first, then his real relay: for reading him, reaching his inbox, DMs.
    await mine.seed(
      finalizeEvent({ kind: 10002, created_at: NOW - 100, tags: [['r', trapUrl], ['r', bobs.url]], content: '' }, bob),
      finalizeEvent({ kind: 10050, created_at: NOW - 100, tags: [['relay', trapUrl], ['relay', bobs.url]], content: '' }, bob),
    );
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-secret-url-'));
    new KeyStore(home).save({ pubkey: getPublicKey(me), secret: { type: 'plain', secretKey: me } });
    new ConfigStore(home).setRelays([{ url: mine.url, read: true, write: true }]);
    client = createClient({ paths: { configDir: home, dataDir: path.join(home, 'data') }, env: { NOSTR_TUI_DISCOVERY_RELAYS: '' }, clock: { now: () => NOW * 1000 } });
  });
  afterAll(async () => {
    await client?.close();
    await Promise.all([mine?.stop(), bobs?.stop(), trap?.stop()]);
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  const untouched = () => {
    expect(trap.accepted()).toBe(0);
    expect(trap.httpRequests()).toBe(0);
    expect(client.pool().status().map((s) => s.url)).not.toContain(trapUrl);
  };

  it('reading by the outbox model: the plan leaves it out and still reaches the author', async () => {
    const route = await createRouter(client, { NOSTR_TUI_DISCOVERY_RELAYS: '' }).route([BOB]);
    expect([...route.plan.routes.keys()].sort()).toEqual([bobs.url]);
    const { events } = await client.pool().fetch(route.request({ kinds: [1] }));
    expect(events.map((e) => e.id)).toEqual([bobNote.id]);
    untouched();
  });

  it('publishing: a note tagging him reaches his real inbox and the user’s relay, never the URL', async () => {
    const { event, results } = await publishEvent(client, { kind: 1, created_at: NOW, tags: [['p', BOB]], content: 'hi bob' });
    expect(results.map((r) => [r.url, r.ok]).sort()).toEqual([[bobs.url, true], [mine.url, true]].sort());
    expect((await bobs.find({ ids: [event.id] })).map((e) => e.id)).toEqual([event.id]);
    expect(client.store().outbox.get(event.id)?.relays ?? []).not.toContain(trapUrl);
    untouched();
  });

  it('private messages: his DM relays (kind 10050) leave it out', async () => {
    expect(await fetchDmRelays(client, [BOB])).toEqual(new Map([[BOB, [bobs.url]]]));
    untouched();
  });

  it('the pool refuses it whatever named it (a hint no list parser saw), and asks the rest', async () => {
    const filters = [{ ids: [bobNote.id] }];
    const { events, relays } = await client.pool().fetch([{ relay: trapUrl, filters }, { relay: bobs.url, filters }]);
    expect(events.map((e) => e.id)).toEqual([bobNote.id]);
    expect(relays.map((r) => r.url)).toEqual([bobs.url]);
    const note = finalizeEvent({ kind: 1, created_at: NOW, tags: [], content: 'to two relays' }, me);
    const results = await client.pool().publish(note, { relays: [trapUrl, mine.url] });
    expect(results.map((r) => [r.url, r.ok])).toEqual([[mine.url, true]]);
    // Nor is its NIP-11 document asked for (the client's web requests).
    await expect(client.fetch(trapUrl.replace(/^ws/, 'http'))).rejects.toThrow('that URL holds a secret key: not asked for');
    untouched();
  });

  it('a pool without the user’s key still refuses any nsec in a URL', async () => {
    const pool = createPool({ relays: [], eoseTimeoutMs: 2_000 });
    try {
      const nsecUrl = `${trap.url}/${nsecEncode(generateSecretKey())}`;
      const { relays } = await pool.fetch([{ relay: nsecUrl, filters: [{ kinds: [1] }] }, { relay: mine.url, filters: [{ kinds: [1] }] }]);
      expect(relays.map((r) => [r.url, r.eose])).toEqual([[mine.url, true]]);
      expect(pool.status().map((s) => s.url)).toEqual([mine.url]);
      expect(trap.accepted()).toBe(0);
    } finally {
      await pool.close();
    }
  });
});
