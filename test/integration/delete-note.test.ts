// deleteOwnEvent (behind `nostr-tui delete`) in process against the real relay:
// the cache drops the note at once and keeps hiding it when a relay sends it again; asked
// again, it says the note is already deleted instead of that nobody has it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../src/client/client.js';
import { deleteOwnEvent, findEvent } from '../../src/client/notes.js';
import { publishEvent } from '../../src/client/publish.js';
import { noteTemplate } from '../../src/core/events.js';
import { KeyStore } from '../../src/store/keys.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { manualClock } from '../helpers/store.js';

let relay: TestRelay;
const clients: Client[] = [];
beforeAll(async () => {
  relay = await startRelay();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});
afterAll(async () => {
  await relay?.stop();
});

const NOW = 1_800_000_000;

function setup() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-delete-'));
  const secretKey = generateSecretKey();
  const pubkey = getPublicKey(secretKey);
  new KeyStore(home).save({ pubkey, secret: { type: 'plain', secretKey } });
  const client = createClient({ paths: { configDir: home, dataDir: path.join(home, 'data') }, env: {}, clock: manualClock(NOW * 1000), relayOverride: [relay.url] });
  clients.push(client);
  return { client, pubkey };
}

describe('deleteOwnEvent', () => {
  it('publishes kind 5 (e, k) and the cache drops the note at once, and keeps it out when it comes back', async () => {
    const { client, pubkey } = setup();
    const { event: note } = await publishEvent(client, noteTemplate('to be deleted', NOW - 10));
    expect(client.store().events.query([{ ids: [note.id] }])).toHaveLength(1);
    const outcome = await deleteOwnEvent(client, { id: note.id, relays: [] }, 'oops');
    if ('alreadyDeleted' in outcome) throw new Error('the note was there to delete');
    const { event, results, target } = outcome;
    expect(target.id).toBe(note.id);
    expect(event).toMatchObject({ kind: 5, pubkey, content: 'oops', tags: [['e', note.id], ['k', '1']] });
    expect(results.map((r) => r.ok)).toEqual([true]);
    expect(client.store().events.query([{ ids: [note.id] }])).toEqual([]);
    expect(client.store().events.query([{ authors: [pubkey], kinds: [1] }])).toEqual([]);
    // A relay that did not honour the deletion sends the note again: it stays hidden.
    expect(client.store().events.put(note)).toBe(false);
    expect(await relay.find({ ids: [note.id] })).toEqual([]);
    expect(await findEvent(client, { id: note.id })).toBeUndefined();
    // Asked again: nobody has it, and the request is known, so nothing more is sent.
    const before = client.store().outbox.pending().length;
    expect(await deleteOwnEvent(client, { id: note.id, relays: [] })).toEqual({ alreadyDeleted: note.id });
    expect(client.store().outbox.pending()).toHaveLength(before);
    expect(client.store().events.query([{ kinds: [5], authors: [pubkey] }])).toHaveLength(1);
  });
});
