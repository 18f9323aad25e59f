// Edits of one of the user's lists made at the same time, against a real relay: each starts from
// the version the one before saved, so none is lost (three `follow`s started together kept two).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bookmark } from '../../src/client/bookmarks.js';
import { createClient, type Client } from '../../src/client/client.js';
import { follow } from '../../src/client/follows.js';
import { mute } from '../../src/client/mutes.js';
import { followEntries } from '../../src/core/follow-list.js';
import { KeyStore } from '../../src/store/keys.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { manualClock } from '../helpers/store.js';

const NOW = 1_800_000_000;
const someone = () => getPublicKey(generateSecretKey());
let relay: TestRelay;
const clients: Client[] = [];
const homes: string[] = [];

beforeAll(async () => {
  relay = await startRelay();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  for (const home of homes.splice(0)) fs.rmSync(home, { recursive: true, force: true });
});
afterAll(async () => {
  await relay?.stop();
});

/** A home with a key; `clientOf` opens a client on it (as each nostr-tui process does). */
function home() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-edit-lease-'));
  homes.push(dir);
  const secretKey = generateSecretKey();
  new KeyStore(dir).save({ pubkey: getPublicKey(secretKey), secret: { type: 'plain', secretKey } });
  const clientOf = () => {
    const client = createClient({ paths: { configDir: dir, dataDir: path.join(dir, 'data') }, env: {}, clock: manualClock(NOW * 1000), relayOverride: [relay.url] });
    clients.push(client);
    return client;
  };
  return { pubkey: getPublicKey(secretKey), clientOf };
}

/** The user's newest event of `kind` on the relay. */
async function newestOnRelay(pubkey: string, kind: number) {
  const events = await relay.find({ kinds: [kind], authors: [pubkey] });
  return events.sort((a, b) => b.created_at - a.created_at || a.id.localeCompare(b.id))[0]!;
}

describe('edits of one list at the same time', () => {
  it('follows from two clients on one home (two processes) are both kept', async () => {
    const { pubkey, clientOf } = home();
    const [a, b, c] = [someone(), someone(), someone()];
    const results = await Promise.all([follow(clientOf(), a), follow(clientOf(), b), follow(clientOf(), c)]);
    expect(results.map((r) => r.changed)).toEqual([true, true, true]);
    const list = await newestOnRelay(pubkey, 3);
    expect(followEntries(list.tags).map((entry) => entry.pubkey).sort()).toEqual([a, b, c].sort());
    // Each version is dated after the one it was made from, so the last one wins everywhere.
    expect(new Set(results.map((r) => r.event!.created_at)).size).toBe(3);
  });

  it('two keys pressed in the UI before the first edit is saved (one client) both count', async () => {
    const { pubkey, clientOf } = home();
    const client = clientOf();
    const [x, y] = [someone(), someone()];
    await Promise.all([mute(client, { type: 'pubkey', value: x }), mute(client, { type: 'pubkey', value: y })]);
    const list = await newestOnRelay(pubkey, 10000);
    expect(list.tags.filter((tag) => tag[0] === 'p').map((tag) => tag[1]).sort()).toEqual([x, y].sort());
  });

  it('bookmarks saved in quick succession are all kept', async () => {
    const { pubkey, clientOf } = home();
    const client = clientOf();
    const ids = ['1', '2', '3'].map((n) => n.repeat(64));
    await Promise.all(ids.map((id) => bookmark(client, id, relay.url)));
    const list = await newestOnRelay(pubkey, 10003);
    expect(list.tags.filter((tag) => tag[0] === 'e').map((tag) => tag[1]).sort()).toEqual(ids);
  });
});
