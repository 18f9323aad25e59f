// The mute list as the UI holds it (createMuteState), against the real relay: the private part
// (NIP-44, to the user's own key) hides as the public tags do, from the relays' newest copy and
// after an edit of the public tags, which keeps it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as nip44 from 'nostr-tools/nip44';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { createMuteState } from '../../src/client/mutes.js';
import { KeyStore } from '../../src/store/keys.js';
import { signed } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { until } from '../helpers/until.js';

const NOW = 1_800_000_000;
let relay: TestRelay;
beforeAll(async () => {
  relay = await startRelay();
});
afterAll(async () => {
  await relay?.stop();
});

describe('createMuteState', () => {
  it('hides the private part’s people too, and still after muting someone publicly', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-mute-state-'));
    const secretKey = generateSecretKey();
    const me = getPublicKey(secretKey);
    new KeyStore(home).save({ pubkey: me, secret: { type: 'plain', secretKey } });
    const [quiet, loud, later] = [0, 1, 2].map(() => getPublicKey(generateSecretKey())) as [string, string, string];
    const content = nip44.v2.encrypt(JSON.stringify([['p', quiet]]), nip44.v2.utils.getConversationKey(secretKey, me));
    await relay.seed(signed(secretKey, { kind: 10000, created_at: NOW - 60, content, tags: [['p', loud]] }));
    const client = createClient({ paths: { configDir: home, dataDir: path.join(home, 'data') }, env: {}, clock: { now: () => NOW * 1000 }, relayOverride: [relay.url] });
    try {
      const mutes = createMuteState(client);
      await until(() => mutes.current().pubkeys.has(quiet), 'the private part read');
      expect([...mutes.current().pubkeys].sort()).toEqual([loud, quiet].sort());
      await mutes.mute({ type: 'pubkey', value: later });
      expect([...mutes.current().pubkeys].sort()).toEqual([later, loud, quiet].sort());
      const [list] = await relay.find({ kinds: [10000], authors: [me], since: NOW - 59 });
      expect(list).toMatchObject({ content, tags: [['p', loud], ['p', later]] });
    } finally {
      await client.close();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
