// A note that tags someone also goes to their inbox relays (NIP-65), but saving it never waits
// for their relay list: it is saved and sent to the user's own relays while the list is looked
// up, then the inboxes found are added to its outbox entry and sent to as well.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { publishEvent } from '../../src/client/publish.js';
import { ConfigStore } from '../../src/store/config.js';
import { KeyStore } from '../../src/store/keys.js';
import { startFaultRelay, type FaultRelay, type FaultReq } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { until } from '../helpers/until.js';

const NOW = Math.floor(Date.now() / 1000);
const bob = generateSecretKey();
const BOB = getPublicKey(bob);

describe('publishing to the inboxes of the people tagged', () => {
  let mine: TestRelay;
  let bobInbox: TestRelay;
  let indexer: FaultRelay;
  let listReq: FaultReq | undefined;
  beforeAll(async () => {
    [mine, bobInbox] = await Promise.all([startRelay(), startRelay()]);
    // Holds the relay-list lookup until the test answers it.
    indexer = await startFaultRelay({ onReq: (req) => (listReq = req) });
  });
  afterAll(async () => {
    await Promise.all([mine?.stop(), bobInbox?.stop(), indexer?.stop()]);
  });

  it('saves and sends to the user’s relays before the lookup answers, then reaches the inbox found', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-publish-inboxes-'));
    const me = generateSecretKey();
    new KeyStore(home).save({ pubkey: getPublicKey(me), secret: { type: 'plain', secretKey: me } });
    new ConfigStore(home).setRelays([{ url: mine.url, read: true, write: true }]);
    const client = createClient({ paths: { configDir: home, dataDir: path.join(home, 'data') }, env: { NOSTR_TUI_DISCOVERY_RELAYS: indexer.url }, clock: { now: () => NOW * 1000 } });
    try {
      let savedId: string | undefined;
      const published = publishEvent(client, { kind: 1, created_at: NOW, tags: [['p', BOB]], content: 'hello bob' }, { onSaved: (event) => (savedId = event.id) });
      await indexer.waitFor((r) => r.message[0] === 'REQ');
      // The lookup is unanswered, and the note is already saved and on the user's relay.
      expect(savedId).toBeDefined();
      // Delivered at the user's relay's OK: the outbox does not wait for the lookup.
      await until(() => client.store().outbox.pending().length === 0, 'delivered to the user’s relay');
      expect((await mine.find({ ids: [savedId!] })).map((e) => e.id)).toEqual([savedId]);

      listReq!.event(finalizeEvent({ kind: 10002, created_at: NOW - 100, tags: [['r', bobInbox.url, 'read']], content: '' }, bob));
      listReq!.eose();
      const { results } = await published;
      expect(results.map((r) => [r.url, r.ok]).sort()).toEqual([[bobInbox.url, true], [mine.url, true]].sort());
      expect((await bobInbox.find({ ids: [savedId!] })).map((e) => e.id)).toEqual([savedId]);
      // A retry would go there too.
      expect(client.store().outbox.get(savedId!)?.relays?.sort()).toEqual([bobInbox.url, mine.url].sort());
    } finally {
      await client.close();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
